package io.deskside.protocol.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.deskside.protocol.desktop.DesktopMessage.CursorPosition;
import io.deskside.protocol.desktop.DesktopMessage.CursorSelect;
import io.deskside.protocol.desktop.DesktopMessage.CursorShape;
import io.deskside.protocol.desktop.DesktopMessage.FileCancel;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.files.FileReceiver;
import io.deskside.protocol.desktop.files.FileStore;
import io.deskside.protocol.desktop.files.MemoryFileStore;
import io.deskside.protocol.desktop.files.TransferState;
import io.deskside.protocol.desktop.screen.CursorCache;
import io.deskside.protocol.desktop.screen.Damage;
import io.deskside.protocol.desktop.screen.ScreenDecoder;
import io.deskside.protocol.wire.Message.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one session does with the desktop records it receives, both sides at once, as the
 * stateful fuzz target and the seed tests drive it. The Guest's {@link ScreenDecoder} (a
 * {@link #MAX_PIXELS} budget, so one input cannot allocate much) and {@link CursorCache} take
 * the Host's screen and cursor messages; each side's {@link FileReceiver}, over an in-memory
 * store of {@link #MAX_STORED_BYTES}, takes the offers, chunks and cancels of the files the
 * other side sends, and its user accepts every offer. The other file messages (accept, refuse,
 * resume, ack, done, and a cancel of a file this side offered) go to a {@code FileSender},
 * which has no file here to send: they are only decoded. So are Hello, chat, clipboard, input
 * and update requests, which no stateful reader checks yet.
 *
 * <p>Time passes between records (bits 4-7 of an item's selector are whole seconds, on top
 * of {@link #TICK}), so the receivers' ack timer and late-message grace are reached too.
 * Besides "only {@link DesktopProtocolException} escapes", it checks what must hold after
 * every record: the framebuffer is the size its layout and scale say, within the budget;
 * damage lies inside it; the cursor lies inside the layout; and every message a receiver
 * answers with is one the other side's decoder takes.
 */
final class ReceivingSession implements AutoCloseable {

    /** The Guest's pixel budget here: 128×128, 64 KiB of framebuffer. */
    static final int MAX_PIXELS = 128 * 128;
    /** What each side's store holds before writes fail (and the receiver says so). */
    static final int MAX_STORED_BYTES = 64 * 1024;
    static final long TICK = TimeUnit.MILLISECONDS.toNanos(100);

    final ScreenDecoder screen = new ScreenDecoder(MAX_PIXELS);
    final CursorCache cursor = new CursorCache();
    private final Map<Role, FileReceiver> receivers = new EnumMap<>(Role.class);
    private final Map<Role, BoundedStore> stores = new EnumMap<>(Role.class);
    private Layout layout;
    private long nanos = TimeUnit.SECONDS.toNanos(1);
    /** Every message the receivers answered with, in order. */
    final List<DesktopMessage> answers = new ArrayList<>();

    ReceivingSession() {
        for (Role side : Role.values()) {
            stores.put(side, new BoundedStore(MAX_STORED_BYTES));
            receivers.put(side, new FileReceiver(side, stores.get(side), () -> nanos));
        }
    }

    /**
     * Decodes the item (it must re-encode to its bytes) and applies it. A refusal here ends a
     * real session, so a caller stops at the first one.
     */
    DesktopMessage receive(DesktopMessageFuzzTest.Item item) throws DesktopProtocolException {
        nanos += TICK + TimeUnit.SECONDS.toNanos(item.selector() >>> 4);
        DesktopMessage m = DesktopMessageFuzzTest.decodeExactly(item);
        apply(item.from(), m);
        return m;
    }

    void apply(Role from, DesktopMessage m) throws DesktopProtocolException {
        if (m instanceof Layout l) {
            screen.apply(l);
            cursor.layout(l.width(), l.height());
            layout = l;
        } else if (m instanceof ScreenUpdate u) {
            List<Damage> damage = screen.apply(u);
            checkFramebuffer(damage);
        } else if (m instanceof CursorShape || m instanceof CursorSelect || m instanceof CursorPosition) {
            cursor.apply(m);
            checkCursor();
        } else if (m instanceof FileOffer o) {
            FileReceiver receiver = receiverOf(from);
            answered(from, receiver.receive(o));
            if (receiver.state(o.id()) == TransferState.OFFERED) {
                answered(from, receiver.accept(o.id()));
            }
        } else if (m instanceof FileChunk c) {
            answered(from, receiverOf(from).receive(c));
        } else if (m instanceof FileCancel c && c.id().offeredBy() == from) {
            answered(from, receiverOf(from).receive(c));
        }
        for (Role sender : Role.values()) {
            answered(sender, receiverOf(sender).tick());
        }
    }

    /** The receiver of the files {@code sender} sends: the other side's. */
    FileReceiver receiverOf(Role sender) {
        return receivers.get(sender == Role.HOST ? Role.GUEST : Role.HOST);
    }

    MemoryFileStore storeOf(Role side) {
        return stores.get(side).memory;
    }

    /** The receiver's answers go back to {@code sender}: its decoder must take each of them. */
    private void answered(Role sender, List<DesktopMessage> out) {
        Role receiverSide = sender == Role.HOST ? Role.GUEST : Role.HOST;
        for (DesktopMessage m : out) {
            try {
                DesktopMessage.decode(m.type().stream(), receiverSide, m.encode());
            } catch (DesktopProtocolException e) {
                fail("a FileReceiver answered with a " + m.type() + " its peer refuses: " + e.reason() + " " + e.getMessage());
            }
            answers.add(m);
        }
    }

    private void checkFramebuffer(List<Damage> damage) {
        int w = screen.width();
        int h = screen.height();
        assertEquals((layout.width() + screen.scale() - 1) / screen.scale(), w, "framebuffer width");
        assertEquals((layout.height() + screen.scale() - 1) / screen.scale(), h, "framebuffer height");
        assertEquals(w * h, screen.framebuffer().length, "framebuffer size");
        assertTrue(w * h <= MAX_PIXELS, "a framebuffer past the budget");
        for (Damage d : damage) {
            assertTrue(d.x() + d.w() <= w && d.y() + d.h() <= h, "damage outside the framebuffer");
        }
    }

    private void checkCursor() {
        if (layout != null) {
            assertTrue(cursor.x() < layout.width() && cursor.y() < layout.height(), "a cursor outside the desktop");
        }
        assertTrue(!cursor.shown() || cursor.shape().isPresent(), "a cursor shown without a shape");
    }

    @Override
    public void close() {
        screen.close();
        for (FileReceiver receiver : receivers.values()) {
            receiver.sessionEnded(true);
        }
    }

    /**
     * A {@link MemoryFileStore} that holds at most {@code bound} bytes in all: a write past that
     * fails as a full disk does, with an {@link IOException}.
     */
    static final class BoundedStore implements FileStore {
        final MemoryFileStore memory = new MemoryFileStore();
        private final long bound;
        private long stored;

        BoundedStore(long bound) {
            this.bound = bound;
        }

        @Override
        public Handle openRead(String name) throws IOException {
            return memory.openRead(name);
        }

        @Override
        public Handle openWrite(String name) throws IOException {
            Handle handle = memory.openWrite(name);
            return new Handle() {
                @Override
                public int read(long offset, byte[] into, int start, int length) throws IOException {
                    return handle.read(offset, into, start, length);
                }

                @Override
                public void write(long offset, byte[] from, int start, int length) throws IOException {
                    long growth = Math.max(0, offset + length - handle.length());
                    if (stored + growth > bound) {
                        throw new IOException("the store is full");
                    }
                    handle.write(offset, from, start, length);
                    stored += growth;
                }

                @Override
                public long length() throws IOException {
                    return handle.length();
                }

                @Override
                public void truncate(long size) throws IOException {
                    stored -= Math.max(0, handle.length() - size);
                    handle.truncate(size);
                }

                @Override
                public void flush() throws IOException {
                    handle.flush();
                }

                @Override
                public void close() throws IOException {
                    handle.close();
                }
            };
        }

        @Override
        public boolean exists(String name) throws IOException {
            return memory.exists(name);
        }

        @Override
        public void delete(String name) throws IOException {
            byte[] gone = memory.get(name);
            stored -= gone == null ? 0 : gone.length;
            memory.delete(name);
        }
    }
}
