package io.deskside.gateway.error;

import jakarta.ejb.ApplicationException;
import java.time.Duration;

/**
 * The source has guessed wrong too often, or asked too much: it must wait before it may try
 * again. Answered with 429 and a {@code Retry-After}.
 */
@ApplicationException(rollback = true)
public class TooManyAttempts extends GatewayException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TooManyAttempts(Duration retryAfter, boolean lockedOut) {
        this(retryAfter, lockedOut
                ? "too many wrong tickets from this address; it is locked out for " + retryAfter.toSeconds() + " s"
                : "too many wrong tickets from this address; try again in " + retryAfter.toSeconds() + " s");
    }

    public TooManyAttempts(Duration retryAfter, String message) {
        super(429, "Too many attempts", message);
        this.retryAfter = retryAfter;
    }

    /** Too many failed sign-ins to this account from one address, or to any from it. */
    public static TooManyAttempts logins(Duration retryAfter, boolean lockedOut, boolean wholeAddress) {
        String what = wholeAddress ? "too many failed sign-ins from this address; "
                : "too many failed sign-ins to this account from this address; ";
        return new TooManyAttempts(retryAfter, what + (lockedOut
                ? "locked out for " + retryAfter.toSeconds() + " s"
                : "try again in " + retryAfter.toSeconds() + " s"));
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
