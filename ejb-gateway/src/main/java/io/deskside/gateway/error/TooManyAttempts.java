package io.deskside.gateway.error;

import jakarta.ejb.ApplicationException;
import java.time.Duration;

/** The source has guessed wrong too often: it must wait before it may try again. */
@ApplicationException(rollback = true)
public class TooManyAttempts extends GatewayException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public TooManyAttempts(Duration retryAfter, boolean lockedOut) {
        super(429, "Too many attempts", lockedOut
                ? "too many wrong tickets from this address; it is locked out for " + retryAfter.toSeconds() + " s"
                : "too many wrong tickets from this address; try again in " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
