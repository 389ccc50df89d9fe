package io.deskside.protocol.desktop.files;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.desktop.FileName;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A sender on one side and a receiver on the other, joined by queues. Every message goes
 * through the real codec on its way. CONTROL and FILES are separate queues, and CONTROL is
 * delivered first, as the streams' priorities do; so a cancel can overtake chunks in flight.
 * {@link #loseSession()} drops everything in flight, and {@link #newSession()} builds fresh
 * instances over the same stores, as a reconnect would.
 */
final class TransferHarness {

    final Message.Role senderSide;
    final Message.Role receiverSide;
    final FileStore senderStore;
    final FileStore receiverStore;
    long nanos = 1_000_000_000L;
    boolean autoAccept = true;
    /** How many chunks may wait in the FILES queue: what the credit window would allow. */
    int chunksInFlight = 8;

    FileSender sender;
    FileReceiver receiver;
    final Deque<DesktopMessage> controlToReceiver = new ArrayDeque<>();
    final Deque<DesktopMessage> filesToReceiver = new ArrayDeque<>();
    final Deque<DesktopMessage> toSender = new ArrayDeque<>();
    /** Everything each side sent, in order, for the tests to look at. */
    final List<DesktopMessage> sentBySender = new ArrayList<>();
    final List<DesktopMessage> sentByReceiver = new ArrayList<>();

    TransferHarness(Message.Role senderSide) {
        this(senderSide, new MemoryFileStore(), new MemoryFileStore());
    }

    TransferHarness(Message.Role senderSide, FileStore senderStore, FileStore receiverStore) {
        this.senderSide = senderSide;
        this.receiverSide = senderSide == Message.Role.HOST ? Message.Role.GUEST : Message.Role.HOST;
        this.senderStore = senderStore;
        this.receiverStore = receiverStore;
        newSession();
    }

    void newSession() {
        sender = new FileSender(senderSide, senderStore, () -> nanos);
        receiver = new FileReceiver(receiverSide, receiverStore, () -> nanos);
    }

    /** The session is lost: nothing in flight arrives, and both sides let go of their files. */
    void loseSession() {
        controlToReceiver.clear();
        filesToReceiver.clear();
        toSender.clear();
        sender.sessionEnded();
        receiver.sessionEnded(false);
    }

    FileId offer(String name, byte[] bytes) throws IOException {
        TestFiles.put(senderStore, name, bytes);
        FileOffer o = sender.offer(name, new FileName(name));
        fromSender(List.of(o));
        return o.id();
    }

    void fromSender(List<DesktopMessage> messages) {
        for (DesktopMessage m : messages) {
            sentBySender.add(m);
            (m.type().stream() == DesktopStream.FILES ? filesToReceiver : controlToReceiver).add(m);
        }
    }

    void fromReceiver(List<DesktopMessage> messages) {
        sentByReceiver.addAll(messages);
        toSender.addAll(messages);
    }

    /** Lets the sender put chunks in flight, up to {@link #chunksInFlight}. */
    boolean pump() {
        int room = chunksInFlight - filesToReceiver.size();
        if (room <= 0) {
            return false;
        }
        List<DesktopMessage> out = sender.nextChunks(room);
        fromSender(out);
        return !out.isEmpty();
    }

    /** One message delivered (CONTROL first, then answers, then chunks), or a pump; false when all is quiet. */
    boolean step() throws DesktopProtocolException {
        if (!controlToReceiver.isEmpty()) {
            toReceiver(controlToReceiver.poll());
        } else if (!toSender.isEmpty()) {
            fromSender(sender.receive(wire(toSender.poll(), receiverSide)));
        } else if (!filesToReceiver.isEmpty()) {
            toReceiver(filesToReceiver.poll());
        } else if (!pump()) {
            return false;
        }
        if (filesToReceiver.isEmpty()) {
            pump();
        }
        return true;
    }

    void run() throws DesktopProtocolException {
        runUntil(() -> false);
    }

    /** Steps until, after a step, {@code done} holds; or until nothing is left to do. */
    void runUntil(BooleanSupplier done) throws DesktopProtocolException {
        for (int i = 0; i < 1_000_000; i++) {
            if (!step() || done.getAsBoolean()) {
                return;
            }
        }
        throw new AssertionError("the transfer never settles");
    }

    /** Delivers one chunk to the receiver and returns what it answered (the test looks at it). */
    List<DesktopMessage> deliverToReceiver(DesktopMessage m) throws DesktopProtocolException {
        int before = sentByReceiver.size();
        toReceiver(m);
        return List.copyOf(sentByReceiver.subList(before, sentByReceiver.size()));
    }

    private void toReceiver(DesktopMessage m) throws DesktopProtocolException {
        DesktopMessage in = wire(m, senderSide);
        fromReceiver(receiver.receive(in));
        if (autoAccept && in instanceof FileOffer o && receiver.state(o.id()) == TransferState.OFFERED) {
            fromReceiver(receiver.accept(o.id()));
        }
    }

    List<FileChunk> chunksWaiting() {
        List<FileChunk> out = new ArrayList<>();
        filesToReceiver.forEach(m -> out.add((FileChunk) m));
        return out;
    }

    /** The message as the peer decodes it: the harness never hands over an object the codec would not produce. */
    private static DesktopMessage wire(DesktopMessage m, Message.Role from) throws DesktopProtocolException {
        return DesktopMessage.decode(m.type().stream(), from, m.encode());
    }
}
