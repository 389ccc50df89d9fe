package io.deskside.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** The deployment's one {@link VerifiedCredentials}. */
@ApplicationScoped
public class CredentialCache {

    private final VerifiedCredentials verified = new VerifiedCredentials(Clock.systemUTC());

    java.util.Optional<Actor> account(String login, char[] password) {
        return verified.account(login, password);
    }

    void remember(String login, char[] password, Actor actor) {
        verified.remember(login, password, actor);
    }

    /** The account behind a login the container authenticated moments ago, without the database. */
    public java.util.Optional<Actor> recent(String login) {
        return verified.recent(login);
    }

    public void forget(String login) {
        verified.forget(login);
    }
}
