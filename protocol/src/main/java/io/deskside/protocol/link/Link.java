package io.deskside.protocol.link;

import io.deskside.protocol.wire.FrameType;
import io.deskside.protocol.wire.ProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * One side's bookkeeping for a tunnel that outlives its transports. Every frame but the
 * transport's own ({@code HELLO}, {@code WELCOME}, {@code PING}, {@code PONG}, {@code ACK}) is
 * <em>sequenced</em>: both sides count them, in order, from zero. A sender keeps each sequenced
 * frame until the receiver acknowledges it ({@code ACK}, or the count in a {@code HELLO} or
 * {@code WELCOME}); when a transport is cut or stalls, the next one starts exactly where the
 * receiver's count says, so nothing is lost and nothing arrives twice. What may wait for an
 * acknowledgement is bounded in bytes: a peer that stops acknowledging is cut off, not
 * buffered for ever. Thread-safe.
 */
public final class Link {

    /** What a side keeps for a peer that has not acknowledged it, unless told otherwise. */
    public static final long DEFAULT_MAX_UNACKED_BYTES = 16L << 20;
    /** A receiver acknowledges after this many frames or bytes, whichever comes first. */
    static final int ACK_EVERY_FRAMES = 32;
    static final int ACK_EVERY_BYTES = 256 * 1024;

    private final long maxUnackedBytes;
    /** Ring of unacknowledged frames; slot of sequence number s is s & (ring.length - 1). */
    private byte[][] ring = new byte[16][];
    /** Where each kept frame starts in the run of all bytes kept so far (same slots as {@code ring}). */
    private long[] starts = new long[16];
    private long keptBytes;
    private long firstUnacked;
    private long sent;
    private long unackedBytes;
    private long received;
    private int framesSinceAck;
    private long bytesSinceAck;

    public Link() {
        this(DEFAULT_MAX_UNACKED_BYTES);
    }

    public Link(long maxUnackedBytes) {
        this.maxUnackedBytes = maxUnackedBytes;
    }

    /** Whether frames of this type are counted and kept; the transport's own frames are not. */
    public static boolean sequenced(FrameType type) {
        return switch (type) {
            case HELLO, WELCOME, PING, PONG, ACK -> false;
            default -> true;
        };
    }

    /** The same, for an encoded frame (its type is its second byte). */
    public static boolean sequenced(byte[] encodedFrame) {
        FrameType type = FrameType.of(encodedFrame[1] & 0xFF);
        return type != null && sequenced(type);
    }

    /**
     * Keeps an outgoing sequenced frame until it is acknowledged; false, keeping nothing, when
     * that would hold more than the bound: the peer has stopped reading.
     */
    public synchronized boolean keep(byte[] frame) {
        if (unackedBytes + frame.length > maxUnackedBytes && sent > firstUnacked) {
            return false;
        }
        if (sent - firstUnacked == ring.length) {
            grow();
        }
        ring[slot(sent)] = frame;
        starts[slot(sent)] = keptBytes;
        keptBytes += frame.length;
        sent++;
        unackedBytes += frame.length;
        return true;
    }

    /** The oldest frame still kept: the peer has acknowledged all before it. */
    public synchronized long firstKept() {
        return firstUnacked;
    }

    /** How many sequenced frames this side has sent. */
    public synchronized long sent() {
        return sent;
    }

    /** The peer has received {@code count} sequenced frames: forget those. Stale counts are ignored. */
    public synchronized void acked(long count) throws ProtocolException {
        if (count > sent) {
            throw new ProtocolException(ProtocolException.Reason.MALFORMED,
                    "acknowledges " + count + " frames, but only " + sent + " were sent");
        }
        while (firstUnacked < count) {
            int s = slot(firstUnacked);
            unackedBytes -= ring[s].length;
            ring[s] = null;
            firstUnacked++;
        }
    }

    /**
     * The sequenced frames from number {@code from} on, in order, up to about {@code maxBytes}
     * (always at least one if there is one). Refused when the peer asks for frames this side
     * has already forgotten (it acknowledged them) or never sent.
     */
    public synchronized List<byte[]> from(long from, long maxBytes) throws ProtocolException {
        if (from < firstUnacked || from > sent) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER,
                    "asks to resume at frame " + from + ", but frames " + firstUnacked + " to " + sent + " are what is kept");
        }
        List<byte[]> out = new ArrayList<>();
        long bytes = 0;
        for (long s = from; s < sent && (out.isEmpty() || bytes + ring[slot(s)].length <= maxBytes); s++) {
            byte[] f = ring[slot(s)];
            out.add(f);
            bytes += f.length;
        }
        return out;
    }

    /** Bytes sent but not yet acknowledged. */
    public synchronized long unackedBytes() {
        return unackedBytes;
    }

    /**
     * The bytes of the frames still kept from number {@code from} on: what a transport that has
     * written up to {@code from} still has to write. Numbers before the first kept frame count
     * from it; numbers past the last give 0.
     */
    public synchronized long bytesFrom(long from) {
        long first = Math.max(from, firstUnacked);
        return first >= sent ? 0 : keptBytes - starts[slot(first)];
    }

    /** How many sequenced frames this side has received. */
    public synchronized long received() {
        return received;
    }

    /**
     * For a batch of sequenced frames that starts at number {@code first} (an HTTP request
     * says where its body starts): how many of them this side already has and must skip. A
     * batch that starts beyond what arrived would leave a hole, and is refused.
     */
    public synchronized long duplicatesIn(long first) throws ProtocolException {
        if (first > received || first < 0) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER,
                    "sends frames from " + first + ", but " + received + " have arrived");
        }
        return received - first;
    }

    /** Counts an incoming sequenced frame; true when it is time to acknowledge. */
    public synchronized boolean arrived(int bytes) {
        received++;
        framesSinceAck++;
        bytesSinceAck += bytes;
        return framesSinceAck >= ACK_EVERY_FRAMES || bytesSinceAck >= ACK_EVERY_BYTES;
    }

    /** Whether anything arrived since the last acknowledgement. */
    public synchronized boolean ackPending() {
        return framesSinceAck > 0;
    }

    /** An acknowledgement of everything received so far goes out now; returns its count. */
    public synchronized long acknowledge() {
        framesSinceAck = 0;
        bytesSinceAck = 0;
        return received;
    }

    private int slot(long seq) {
        return (int) (seq & (ring.length - 1));
    }

    private void grow() {
        byte[][] bigger = new byte[ring.length * 2][];
        long[] biggerStarts = new long[ring.length * 2];
        for (long s = firstUnacked; s < sent; s++) {
            bigger[(int) (s & (bigger.length - 1))] = ring[slot(s)];
            biggerStarts[(int) (s & (bigger.length - 1))] = starts[slot(s)];
        }
        ring = bigger;
        starts = biggerStarts;
    }
}
