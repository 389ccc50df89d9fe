package io.deskside.edge.port;

import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.time.Duration;
import java.util.Optional;

/**
 * A login and password as the edge's sign-in mechanism hands them to the identity stores, with
 * the address they came from (which failed sign-ins are counted by). A store that refuses the
 * source for failing too often says so here, so the mechanism answers 429 with
 * {@code Retry-After} rather than a 401 that reads as a wrong password.
 */
public final class SignInCredential extends UsernamePasswordCredential {

    private final String source;
    private volatile Refusal refusal;

    /** The source must wait: the words for the caller, and how long. */
    public record Refusal(String message, Duration retryAfter) {
    }

    public SignInCredential(String login, Password password, String source) {
        super(login, password);
        this.source = source;
    }

    public String source() {
        return source;
    }

    public void refuse(String message, Duration retryAfter) {
        this.refusal = new Refusal(message, retryAfter);
    }

    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }
}
