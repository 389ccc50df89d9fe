package io.deskside.protocol.desktop.files;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.FileAccept;
import io.deskside.protocol.desktop.DesktopMessage.FileAck;
import io.deskside.protocol.desktop.DesktopMessage.FileCancel;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileDone;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import io.deskside.protocol.desktop.DesktopMessage.FileRefuse;
import io.deskside.protocol.desktop.DesktopMessage.FileResume;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The receiving half of file transfer for one side of one session (§7), as a state machine: it
 * takes the sender's messages and the user's answers, writes through a {@link FileStore}, and
 * returns the messages to send.
 *
 * <p>An offer waits for the user ({@link #accept} or {@link #refuse}), unless a partial of the
 * same file (same SHA-256 and size, kept from a lost session) is in the store: then it answers
 * {@code FileResume(id, from)} at once, after re-reading the partial's bytes into the digest.
 * A partial longer than the file is deleted and the offer waits for the user. Chunks must come
 * at the next offset; another offset cancels that file with reason 5. Acks go out every 256 KiB
 * written, on {@link #tick} after 500 ms with progress, and before {@code FileDone}. At the
 * size, the SHA-256 is compared: a match is {@code FileDone} and the verified bytes stay under
 * {@link #storedAs}; a mismatch is {@code FileCancel(2)} and the partial is deleted, so the next
 * offer starts from 0. At most four offers are open; a fifth is refused as busy.
 */
public final class FileReceiver {

    public static final int MAX_OPEN_TRANSFERS = 4;
    /** Ended transfers kept to answer about (state, progress, where stored); older ones are forgotten. */
    static final int MAX_ENDED_KEPT = 256;
    public static final long ACK_EVERY_BYTES = 256 * 1024;
    public static final Duration ACK_INTERVAL = Duration.ofMillis(500);
    static final String PARTIALS = "partial/";

    private final Message.Role side;
    private final FileStore store;
    private final LongSupplier nanoTime;
    private final EndedTransfers ended;
    private final Map<FileId, Incoming> transfers = new LinkedHashMap<>();
    private boolean filesAllowed = true;

    /** @param side the side this receiver speaks for: offers come from the other one */
    public FileReceiver(Message.Role side, FileStore store, LongSupplier nanoTime) {
        this.side = Objects.requireNonNull(side, "side");
        this.store = Objects.requireNonNull(store, "store");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.ended = new EndedTransfers(nanoTime);
    }

    /** Where the bytes of a file with this digest and size are written, and stay once verified. */
    public static String partialName(byte[] sha256, long size) {
        return PARTIALS + Sha256.hex(sha256) + "-" + size + ".part";
    }

    /** Takes an offer, a chunk or a cancel from the sender; returns what to send back. */
    public List<DesktopMessage> receive(DesktopMessage m) throws DesktopProtocolException {
        if (m instanceof FileOffer o) {
            return offered(o);
        }
        if (m instanceof FileChunk c) {
            Incoming t = live(c.id(), m);
            return t == null ? List.of() : chunk(t, c);
        }
        if (m instanceof FileCancel c) {
            Incoming t = live(c.id(), m);
            if (t != null) {
                boolean discard = c.cause() == FileCancel.Cause.BY_USER || c.cause() == FileCancel.Cause.HASH_MISMATCH;
                end(t, TransferState.CANCELLED, discard);
            }
            return List.of();
        }
        throw new IllegalArgumentException("not a sender's message: " + m.type());
    }

    /** The user takes an offered file. */
    public List<DesktopMessage> accept(FileId id) {
        Incoming t = known(id);
        if (t.state != TransferState.OFFERED) {
            return List.of();
        }
        List<DesktopMessage> out = new ArrayList<>();
        try {
            t.handle = store.openWrite(t.partialName);
            t.handle.truncate(0);
        } catch (IOException e) {
            out.add(new FileRefuse(id, FileRefuse.Cause.NO_ROOM));
            end(t, TransferState.REFUSED, true);
            return out;
        }
        t.state = TransferState.RECEIVING;
        t.lastAckNanos = nanoTime.getAsLong();
        out.add(new FileAccept(id));
        if (t.offer.size() == 0) {
            out.addAll(finish(t));
        }
        return out;
    }

    /** The user (or the app: no room) will not take an offered file. */
    public List<DesktopMessage> refuse(FileId id, FileRefuse.Cause cause) {
        Incoming t = known(id);
        if (t.state != TransferState.OFFERED) {
            return List.of();
        }
        end(t, TransferState.REFUSED, false);
        return List.of(new FileRefuse(id, cause));
    }

    /** The user stops a transfer: {@code FileCancel(1)} and the partial is deleted. */
    public List<DesktopMessage> cancel(FileId id) {
        Incoming t = known(id);
        if (t.state.ended()) {
            return List.of();
        }
        end(t, TransferState.CANCELLED, true);
        return List.of(new FileCancel(id, FileCancel.Cause.BY_USER));
    }

    /** FILES granted or withdrawn: withdrawing cancels every open transfer with reason 4, keeping partials. */
    public List<DesktopMessage> filesAllowed(boolean allowed) {
        filesAllowed = allowed;
        List<DesktopMessage> out = new ArrayList<>();
        if (!allowed) {
            for (Incoming t : List.copyOf(transfers.values())) {
                if (!t.state.ended()) {
                    end(t, TransferState.CANCELLED, false);
                    out.add(new FileCancel(t.offer.id(), FileCancel.Cause.PERMISSION_WITHDRAWN));
                }
            }
        }
        return out;
    }

    /** Acks the transfers that made progress but have not been acked for {@link #ACK_INTERVAL}. */
    public List<DesktopMessage> tick() {
        List<DesktopMessage> out = new ArrayList<>();
        long now = nanoTime.getAsLong();
        for (Incoming t : transfers.values()) {
            if (t.state == TransferState.RECEIVING && t.written > t.acknowledged
                    && now - t.lastAckNanos >= ACK_INTERVAL.toNanos()) {
                try {
                    out.add(ack(t));
                } catch (IOException e) {
                    out.add(failed(t));
                }
            }
        }
        return out;
    }

    /**
     * The session ended: handles are closed and partials kept for a resume, unless
     * {@code deletePartials} (a Host leaves no footprint) says otherwise.
     */
    public void sessionEnded(boolean deletePartials) {
        for (Incoming t : transfers.values()) {
            t.close();
        }
        for (Incoming t : transfers.values()) {
            // A file received whole is the user's, even if a later offer of the same bytes did not finish.
            if (deletePartials && t.state != TransferState.DONE && !receivedWhole(t.partialName)) {
                t.delete(store);
            }
        }
    }

    public TransferState state(FileId id) {
        return known(id).state;
    }

    public Progress progress(FileId id) {
        Incoming t = known(id);
        return new Progress(t.acknowledged, t.offer.size());
    }

    /** The offer, to show the user what they are asked to take. */
    public FileOffer offer(FileId id) {
        return known(id).offer;
    }

    /** The store name the file's bytes are written under; once DONE they are verified. */
    public String storedAs(FileId id) {
        return known(id).partialName;
    }

    private List<DesktopMessage> offered(FileOffer o) throws DesktopProtocolException {
        FileId id = o.id();
        if (id.offeredBy() == side) {
            throw new DesktopProtocolException(Reason.MALFORMED, "an offer of " + id + " names this side as its sender");
        }
        if (transfers.containsKey(id)) {
            throw new DesktopProtocolException(Reason.BAD_STATE, "a second offer of " + id);
        }
        Incoming t = new Incoming(o);
        transfers.put(id, t);
        if (!filesAllowed) {
            end(t, TransferState.REFUSED, false);
            return List.of(new FileRefuse(id, FileRefuse.Cause.NOT_PERMITTED));
        }
        long open = transfers.values().stream().filter(x -> !x.state.ended()).count();
        // The same file twice at once would write one partial from two transfers.
        boolean again = transfers.values().stream().anyMatch(x -> x != t && !x.state.ended() && x.partialName.equals(t.partialName));
        if (open > MAX_OPEN_TRANSFERS || again) {
            end(t, TransferState.REFUSED, false);
            return List.of(new FileRefuse(id, FileRefuse.Cause.BUSY));
        }
        return resumeFromPartial(t);
    }

    /** Answers FileResume if a usable partial is there; otherwise the offer waits for the user. */
    private List<DesktopMessage> resumeFromPartial(Incoming t) {
        try {
            if (!store.exists(t.partialName)) {
                return List.of();
            }
            t.handle = store.openWrite(t.partialName);
            long have = t.handle.length();
            if (have > t.offer.size()) {
                t.close();
                t.delete(store);
                return List.of();
            }
            byte[] buffer = new byte[FileSender.CHUNK_BYTES];
            for (long at = 0; at < have; ) {
                int n = t.handle.read(at, buffer, 0, (int) Math.min(buffer.length, have - at));
                if (n <= 0) {
                    throw new IOException("the partial got shorter while it was read");
                }
                t.digest.update(buffer, 0, n);
                at += n;
            }
            t.written = have;
            t.acknowledged = have;
            t.lastAckNanos = nanoTime.getAsLong();
            t.state = TransferState.RECEIVING;
            List<DesktopMessage> out = new ArrayList<>();
            out.add(new FileResume(t.offer.id(), have));
            if (have == t.offer.size()) {
                out.addAll(finish(t));
            }
            return out;
        } catch (IOException e) {
            // An unreadable partial is no partial: start again, if the user wants the file.
            t.close();
            t.delete(store);
            t.digest.reset();
            t.written = 0;
            t.acknowledged = 0;
            t.state = TransferState.OFFERED;
            return List.of();
        }
    }

    private List<DesktopMessage> chunk(Incoming t, FileChunk c) throws DesktopProtocolException {
        if (t.state != TransferState.RECEIVING) {
            throw new DesktopProtocolException(Reason.BAD_STATE, "a chunk of " + t.offer.id() + " while it is " + t.state);
        }
        if (c.offset() + c.data().length > t.offer.size()) {
            throw new DesktopProtocolException(Reason.OUT_OF_RANGE, "a chunk of " + t.offer.id() + " past its size");
        }
        if (c.offset() != t.written) {
            end(t, TransferState.FAILED, false);
            return List.of(new FileCancel(t.offer.id(), FileCancel.Cause.OUT_OF_ORDER));
        }
        List<DesktopMessage> out = new ArrayList<>();
        try {
            t.handle.write(c.offset(), c.data(), 0, c.data().length);
            t.digest.update(c.data());
            t.written += c.data().length;
            if (t.written == t.offer.size()) {
                out.addAll(finish(t));
            } else if (t.written - t.acknowledged >= ACK_EVERY_BYTES) {
                out.add(ack(t));
            }
        } catch (IOException e) {
            out.add(failed(t));
        }
        return out;
    }

    /** All bytes are there: compare the SHA-256 and say done, or cancel and discard. */
    private List<DesktopMessage> finish(Incoming t) {
        List<DesktopMessage> out = new ArrayList<>();
        try {
            if (t.written > t.acknowledged || t.offer.size() == 0) {
                out.add(ack(t));
            }
        } catch (IOException e) {
            out.add(failed(t));
            return out;
        }
        boolean match = MessageDigest.isEqual(t.digest.digest(), t.offer.sha256());
        if (match) {
            end(t, TransferState.DONE, false);
            out.add(new FileDone(t.offer.id()));
        } else {
            out.clear();
            end(t, TransferState.FAILED, true);
            out.add(new FileCancel(t.offer.id(), FileCancel.Cause.HASH_MISMATCH));
        }
        return out;
    }

    private FileAck ack(Incoming t) throws IOException {
        t.handle.flush();
        t.acknowledged = t.written;
        t.lastAckNanos = nanoTime.getAsLong();
        return new FileAck(t.offer.id(), t.acknowledged);
    }

    private FileCancel failed(Incoming t) {
        end(t, TransferState.FAILED, false);
        return new FileCancel(t.offer.id(), FileCancel.Cause.READ_WRITE_FAILED);
    }

    private boolean receivedWhole(String partialName) {
        return transfers.values().stream().anyMatch(x -> x.state == TransferState.DONE && x.partialName.equals(partialName));
    }

    private void end(Incoming t, TransferState state, boolean discardPartial) {
        t.state = state;
        t.close();
        if (discardPartial) {
            t.delete(store);
        }
        ended.ended(t.offer.id());
        forgetOldest();
    }

    /** Bounds what a peer that offers and offers can make this side remember: the oldest ended transfers go. */
    private void forgetOldest() {
        long endedCount = transfers.values().stream().filter(x -> x.state.ended()).count();
        var it = transfers.values().iterator();
        while (endedCount > MAX_ENDED_KEPT && it.hasNext()) {
            if (it.next().state.ended()) {
                it.remove();
                endedCount--;
            }
        }
    }

    /** The transfer a chunk or cancel is for, or null if it ended lately and the message is ignored. */
    private Incoming live(FileId id, DesktopMessage m) throws DesktopProtocolException {
        if (id.offeredBy() == side) {
            throw new DesktopProtocolException(Reason.MALFORMED, "a " + m.type() + " for " + id + ", which this side would have offered");
        }
        Incoming t = transfers.get(id);
        if (t == null) {
            if (ended.recentlyEnded(id)) {
                return null; // ended lately and forgotten already (MAX_ENDED_KEPT)
            }
            throw new DesktopProtocolException(Reason.BAD_STATE, "a " + m.type() + " for " + id + ", which was never offered");
        }
        if (t.state.ended()) {
            if (ended.recentlyEnded(id)) {
                return null;
            }
            throw new DesktopProtocolException(Reason.BAD_STATE, "a " + m.type() + " for " + id + ", which ended long ago");
        }
        return t;
    }

    private Incoming known(FileId id) {
        Incoming t = transfers.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no transfer " + id);
        }
        return t;
    }

    /** One file the peer offered. */
    private static final class Incoming {
        final FileOffer offer;
        final String partialName;
        final MessageDigest digest = Sha256.start();
        TransferState state = TransferState.OFFERED;
        long written;
        long acknowledged;
        long lastAckNanos;
        FileStore.Handle handle;

        Incoming(FileOffer offer) {
            this.offer = offer;
            this.partialName = partialName(offer.sha256(), offer.size());
        }

        void close() {
            if (handle != null) {
                try {
                    handle.close();
                } catch (IOException e) {
                    // Acked bytes were flushed before the ack; the rest is resent on resume.
                }
                handle = null;
            }
        }

        void delete(FileStore store) {
            try {
                store.delete(partialName);
            } catch (IOException e) {
                // Nothing to do: a stale partial fails its hash and is deleted next time.
            }
        }
    }
}
