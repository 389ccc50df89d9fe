package io.deskside.protocol.desktop;

/**
 * The peer broke the desktop protocol inside an authenticated record. The only exception the
 * desktop codec throws: the record came from the peer itself (the tunnel authenticated it), so
 * the peer is broken or hostile and there is nothing to resync. The session ends with
 * {@code protocol_error} and {@code "desktop: " + reason}; the message names the field, never
 * its content, so it may go into a log line.
 */
public final class DesktopProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, as a word a log line and a disconnect detail can carry. */
    public enum Reason {
        /** A message type no version of the desktop protocol defines. */
        UNKNOWN_TYPE,
        /** A known type on a stream it does not travel on (or a stream the desktop does not use). */
        WRONG_STREAM,
        /** A type this side never sends: a Guest sending {@code Layout}, a Host sending {@code Key}. */
        WRONG_SIDE,
        /** The record ends inside a field, or a length or count claims more than is there. */
        TRUNCATED,
        /** Bytes after the last field. */
        TRAILING_BYTES,
        /** A length or count over its bound, or a message over {@code MAX_MESSAGE_BYTES}. */
        TOO_LARGE,
        /** A number outside its range: coordinates, sizes, scale, slots, offsets, codes no version defines. */
        OUT_OF_RANGE,
        /**
         * Not the one canonical form: bad UTF-8, control characters, undefined bits set, pad bits,
         * a duplicate palette colour, an index past the palette, a wrong side bit in a file id.
         */
        MALFORMED,
        /** Right on its own, wrong where it came: only the stateful checkers say this. */
        BAD_STATE,
        /** A {@code Hello} with a version this side does not speak. */
        UNSUPPORTED_VERSION
    }

    private final Reason reason;

    public DesktopProtocolException(Reason reason, String message) {
        // No stack trace: a hostile peer can make us throw these as fast as it can send records.
        super(message, null, false, false);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
