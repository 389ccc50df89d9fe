package io.deskside.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** The deployment's one {@link VerifiedCredentials}. */
@ApplicationScoped
public class CredentialCache {

    private final VerifiedCredentials verified = new VerifiedCredentials(Clock.systemUTC());

    boolean knows(String login, char[] password) {
        return verified.knows(login, password);
    }

    void remember(String login, char[] password) {
        verified.remember(login, password);
    }

    public void forget(String login) {
        verified.forget(login);
    }
}
