package io.deskside.protocol.desktop.files;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.FileCancel;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.desktop.FileName;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The sending half of file transfer for one side of one session (§7), as a state machine: it
 * takes the peer's answers and the user's commands, and returns the messages to send. It never
 * sends by itself and holds no thread; the caller pulls chunks with {@link #nextChunks} when the
 * FILES stream has room.
 *
 * <p>A file is hashed (one streaming SHA-256 pass) before it is offered, so the offer carries
 * the digest the receiver checks at the end. After {@code FileAccept} (from 0) or
 * {@code FileResume(from)} it is sent in 64 KiB chunks, one file at a time in the order they
 * were accepted; after the last chunk it waits for {@code FileDone}. Acks move the progress
 * bar. Either side may cancel at any time; messages for an id that ended in the last 30 s were
 * in flight and are ignored.
 */
public final class FileSender {

    public static final int CHUNK_BYTES = DesktopMessage.MAX_CHUNK_BYTES;

    private final Message.Role side;
    private final FileStore store;
    private final EndedTransfers ended;
    private final Map<FileId, Outgoing> transfers = new LinkedHashMap<>();
    private int nextNumber = 1;
    private boolean filesAllowed = true;

    /** @param side the side this sender speaks for: its ids carry it in their side bit */
    public FileSender(Message.Role side, FileStore store, LongSupplier nanoTime) {
        this.side = Objects.requireNonNull(side, "side");
        this.store = Objects.requireNonNull(store, "store");
        this.ended = new EndedTransfers(Objects.requireNonNull(nanoTime, "nanoTime"));
    }

    /**
     * Hashes {@code storeName} and returns the offer to send. The file must not change until the
     * transfer ends: the receiver checks the bytes against this digest.
     */
    public FileOffer offer(String storeName, FileName name) throws IOException {
        if (!filesAllowed) {
            throw new IllegalStateException("file transfer is not permitted in this session");
        }
        MessageDigest digest = Sha256.start();
        long size = 0;
        try (var in = store.openRead(storeName)) {
            byte[] buffer = new byte[CHUNK_BYTES];
            for (int n; (n = in.read(size, buffer, 0, buffer.length)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        if (size > DesktopMessage.MAX_FILE_BYTES) {
            throw new IOException("a file of " + size + " bytes is over the limit of " + DesktopMessage.MAX_FILE_BYTES);
        }
        var offer = new FileOffer(new FileId(side, nextNumber++), size, digest.digest(), name);
        transfers.put(offer.id(), new Outgoing(offer, storeName));
        return offer;
    }

    /** Takes one of the receiver's answers; returns what to send back (often nothing). */
    public List<DesktopMessage> receive(DesktopMessage m) throws DesktopProtocolException {
        FileId id = idOf(m);
        Outgoing t = live(id);
        if (t == null) {
            return List.of();
        }
        if (m instanceof DesktopMessage.FileAccept) {
            expect(t, TransferState.OFFERED, m);
            return start(t, 0);
        }
        if (m instanceof DesktopMessage.FileResume r) {
            if (t.state != TransferState.OFFERED && t.state != TransferState.SENDING && t.state != TransferState.AWAIT_DONE) {
                throw badState(t, m);
            }
            if (r.from() > t.offer.size() || r.from() < t.acknowledged) {
                throw new DesktopProtocolException(Reason.BAD_STATE,
                        "a resume of " + id + " from " + r.from() + ", outside " + t.acknowledged + ".." + t.offer.size());
            }
            return start(t, r.from());
        }
        if (m instanceof DesktopMessage.FileRefuse) {
            expect(t, TransferState.OFFERED, m);
            end(t, TransferState.REFUSED);
            return List.of();
        }
        if (m instanceof DesktopMessage.FileAck a) {
            if (t.state != TransferState.SENDING && t.state != TransferState.AWAIT_DONE) {
                throw badState(t, m);
            }
            if (a.offset() > t.sent || a.offset() < t.acknowledged) {
                throw new DesktopProtocolException(Reason.BAD_STATE,
                        "an ack of " + id + " at " + a.offset() + ", outside " + t.acknowledged + ".." + t.sent);
            }
            t.acknowledged = a.offset();
            return List.of();
        }
        if (m instanceof DesktopMessage.FileDone) {
            expect(t, TransferState.AWAIT_DONE, m);
            t.acknowledged = t.offer.size();
            end(t, TransferState.DONE);
            return List.of();
        }
        if (m instanceof FileCancel c) {
            end(t, c.cause() == FileCancel.Cause.HASH_MISMATCH ? TransferState.FAILED : TransferState.CANCELLED);
            return List.of();
        }
        throw new IllegalArgumentException("not an answer to an offer: " + m.type());
    }

    /**
     * Up to {@code max} chunks of the file being sent (the first accepted that has bytes left),
     * or a {@code FileCancel(3)} if its store fails. Empty when nothing is waiting to go.
     */
    public List<DesktopMessage> nextChunks(int max) {
        List<DesktopMessage> out = new ArrayList<>();
        Outgoing t = sending();
        while (t != null && out.size() < max) {
            try {
                if (t.handle == null) {
                    t.handle = store.openRead(t.storeName);
                }
                int want = (int) Math.min(CHUNK_BYTES, t.offer.size() - t.sent);
                byte[] data = new byte[want];
                int got = 0;
                while (got < want) {
                    int n = t.handle.read(t.sent + got, data, got, want - got);
                    if (n <= 0) {
                        throw new IOException("the file got shorter after it was offered");
                    }
                    got += n;
                }
                out.add(new FileChunk(t.offer.id(), t.sent, data));
                t.sent += want;
                if (t.sent == t.offer.size()) {
                    t.state = TransferState.AWAIT_DONE;
                    t.close();
                    t = sending();
                }
            } catch (IOException e) {
                out.add(new FileCancel(t.offer.id(), FileCancel.Cause.READ_WRITE_FAILED));
                end(t, TransferState.FAILED);
                t = sending();
            }
        }
        return out;
    }

    /** True while some accepted file has bytes left to send. */
    public boolean hasChunksToSend() {
        return sending() != null;
    }

    /** The user stops a transfer: a {@code FileCancel(1)}, or nothing if it already ended. */
    public List<DesktopMessage> cancel(FileId id) {
        return cancel(id, FileCancel.Cause.BY_USER);
    }

    /**
     * The FILES permission was granted or withdrawn. Withdrawing cancels every open transfer with
     * reason 4; while it is withdrawn nothing may be offered.
     */
    public List<DesktopMessage> filesAllowed(boolean allowed) {
        filesAllowed = allowed;
        List<DesktopMessage> out = new ArrayList<>();
        if (!allowed) {
            for (FileId id : List.copyOf(transfers.keySet())) {
                out.addAll(cancel(id, FileCancel.Cause.PERMISSION_WITHDRAWN));
            }
        }
        return out;
    }

    /** The session ended: files stay where they are; open handles are closed. */
    public void sessionEnded() {
        transfers.values().forEach(Outgoing::close);
    }

    public TransferState state(FileId id) {
        return known(id).state;
    }

    public Progress progress(FileId id) {
        Outgoing t = known(id);
        return new Progress(t.acknowledged, t.offer.size());
    }

    private List<DesktopMessage> cancel(FileId id, FileCancel.Cause cause) {
        Outgoing t = known(id);
        if (t.state.ended()) {
            return List.of();
        }
        end(t, TransferState.CANCELLED);
        return List.of(new FileCancel(id, cause));
    }

    private List<DesktopMessage> start(Outgoing t, long from) {
        t.sent = from;
        // A resume says the receiver holds the bytes before from: they count as acknowledged.
        t.acknowledged = Math.max(t.acknowledged, from);
        t.state = from == t.offer.size() ? TransferState.AWAIT_DONE : TransferState.SENDING;
        // Files are sent one at a time in the order they were accepted: re-queue at the back.
        transfers.remove(t.offer.id());
        transfers.put(t.offer.id(), t);
        return List.of();
    }

    private Outgoing sending() {
        for (Outgoing t : transfers.values()) {
            if (t.state == TransferState.SENDING) {
                return t;
            }
        }
        return null;
    }

    private void end(Outgoing t, TransferState state) {
        t.state = state;
        t.close();
        ended.ended(t.offer.id());
    }

    private FileId idOf(DesktopMessage m) throws DesktopProtocolException {
        FileId id;
        if (m instanceof DesktopMessage.FileAccept a) {
            id = a.id();
        } else if (m instanceof DesktopMessage.FileResume r) {
            id = r.id();
        } else if (m instanceof DesktopMessage.FileRefuse r) {
            id = r.id();
        } else if (m instanceof DesktopMessage.FileAck a) {
            id = a.id();
        } else if (m instanceof DesktopMessage.FileDone d) {
            id = d.id();
        } else if (m instanceof FileCancel c) {
            id = c.id();
        } else {
            throw new IllegalArgumentException("not an answer to an offer: " + m.type());
        }
        if (id.offeredBy() != side) {
            throw new DesktopProtocolException(Reason.MALFORMED, "a " + m.type() + " for " + id + ", which this side did not offer");
        }
        return id;
    }

    /** The transfer a message is for, or null if it ended lately and the message is to be ignored. */
    private Outgoing live(FileId id) throws DesktopProtocolException {
        Outgoing t = transfers.get(id);
        if (t == null) {
            throw new DesktopProtocolException(Reason.BAD_STATE, "a message for " + id + ", which was never offered");
        }
        if (t.state.ended()) {
            if (ended.recentlyEnded(id)) {
                return null;
            }
            throw new DesktopProtocolException(Reason.BAD_STATE, "a message for " + id + ", which ended long ago");
        }
        return t;
    }

    private Outgoing known(FileId id) {
        Outgoing t = transfers.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no transfer " + id);
        }
        return t;
    }

    private static void expect(Outgoing t, TransferState state, DesktopMessage m) throws DesktopProtocolException {
        if (t.state != state) {
            throw badState(t, m);
        }
    }

    private static DesktopProtocolException badState(Outgoing t, DesktopMessage m) {
        return new DesktopProtocolException(Reason.BAD_STATE, "a " + m.type() + " for " + t.offer.id() + " while it is " + t.state);
    }

    /** One file this side offered. */
    private static final class Outgoing {
        final FileOffer offer;
        final String storeName;
        TransferState state = TransferState.OFFERED;
        long sent;
        long acknowledged;
        FileStore.Handle handle;

        Outgoing(FileOffer offer, String storeName) {
            this.offer = offer;
            this.storeName = storeName;
        }

        void close() {
            if (handle != null) {
                try {
                    handle.close();
                } catch (IOException e) {
                    // Only read from: nothing was lost.
                }
                handle = null;
            }
        }
    }
}
