package io.deskside.protocol.desktop;

import io.deskside.protocol.desktop.DesktopProtocolException.Reason;

/**
 * A value a message may not hold. The records' constructors throw it, so a message that exists
 * always encodes to bytes the peer accepts; the decoder turns it into a
 * {@link DesktopProtocolException} with its reason, so each rule is written once. Callers
 * outside the package see an {@link IllegalArgumentException}.
 */
final class InvalidField extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    InvalidField(Reason reason, String message) {
        super(message, null);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Thrown on every refused record while decoding; the message says all there is.
        return this;
    }
}
