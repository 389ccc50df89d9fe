package io.deskside.protocol.wire;

/**
 * The peer broke the protocol: a malformed, truncated, oversized, unknown or out-of-order
 * frame. The only exception the codec throws; whoever catches it closes that one connection
 * with the {@link Reason}, and no other.
 */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, in words a log line and a disconnect message can carry. */
    public enum Reason {
        BAD_VERSION, UNKNOWN_TYPE, BAD_STREAM, TOO_LARGE, TRUNCATED, MALFORMED, OUT_OF_ORDER
    }

    private final Reason reason;

    public ProtocolException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
