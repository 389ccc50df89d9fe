package io.deskside.protocol.client;

import io.deskside.protocol.wire.ProtocolException;

/**
 * The receiving side's credit on one stream: what it lets the peer have in flight, and when to
 * let it have more. At the start the receiver grants the whole window ({@link #initialGrant});
 * each record counts once when it arrives ({@link #received}) and again when its handler has
 * finished with it ({@link #consumed}); once a quarter of the window has been consumed since the
 * last grant, that much is granted again. So what is granted and not yet received never exceeds
 * the window, and the window never exceeds the gateway's 4 MiB, past which it would clip a grant
 * silently. Bytes are those of sealed records, the figure the gateway counts. Thread-safe.
 */
public final class CreditWindow {

    /** The gateway's limit on what may be outstanding on one stream. */
    public static final int MAX_WINDOW_BYTES = 4 << 20;

    private final int window;
    private final int grantEvery;
    /** Granted and not yet received: what the peer may still send. */
    private long outstanding;
    /** Received and not yet consumed. */
    private long held;
    private long consumedSinceGrant;
    private boolean started;

    public CreditWindow(int windowBytes) {
        if (windowBytes < 1 || windowBytes > MAX_WINDOW_BYTES) {
            throw new IllegalArgumentException("a window is 1 to " + MAX_WINDOW_BYTES + " bytes, not " + windowBytes);
        }
        this.window = windowBytes;
        this.grantEvery = Math.max(1, windowBytes / 4);
    }

    public int windowBytes() {
        return window;
    }

    /** The grant to send when the stream opens: the whole window. Once only. */
    public synchronized int initialGrant() {
        if (started) {
            throw new IllegalStateException("the window was granted already");
        }
        started = true;
        outstanding = window;
        return window;
    }

    /**
     * A record of {@code bytes} arrived. Refused, counting nothing, when it is more than the peer
     * was granted: the peer broke the protocol (the gateway would have closed it), and the session ends.
     */
    public synchronized void received(int bytes) throws ProtocolException {
        if (bytes < 0) {
            throw new IllegalArgumentException("a record of " + bytes + " bytes");
        }
        if (bytes > outstanding) {
            throw new ProtocolException(ProtocolException.Reason.TOO_LARGE,
                    "a record of " + bytes + " bytes, but only " + outstanding + " were granted");
        }
        outstanding -= bytes;
        held += bytes;
    }

    /**
     * The handler has finished with a record of {@code bytes} that {@link #received} counted;
     * returns the grant to send now, or 0 while less than a quarter of the window waits for one.
     */
    public synchronized int consumed(int bytes) {
        if (bytes < 0 || bytes > held) {
            throw new IllegalStateException("consumes " + bytes + " bytes, but " + held + " were received and not consumed");
        }
        held -= bytes;
        consumedSinceGrant += bytes;
        if (consumedSinceGrant < grantEvery) {
            return 0;
        }
        int grant = (int) consumedSinceGrant;
        consumedSinceGrant = 0;
        outstanding += grant;
        return grant;
    }

    /** Granted and not yet received. Never more than the window. */
    public synchronized long outstanding() {
        return outstanding;
    }
}
