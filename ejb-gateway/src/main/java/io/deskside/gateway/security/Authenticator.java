package io.deskside.gateway.security;

import io.deskside.gateway.audit.Event;
import io.deskside.gateway.audit.EventLog;
import io.deskside.gateway.config.GatewaySettings;
import io.deskside.persistence.audit.EventType;
import io.deskside.persistence.technician.Technician;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks a help-desk account's login and password: the database identity store behind
 * Jakarta Security. A fresh check (not remembered from the last few minutes) is logged as a
 * login; every failure is logged. An unknown login costs as much time as a wrong password.
 * Checks are bounded per account and source address by {@link LoginThrottle}: too many failures
 * and the source must wait ({@link io.deskside.gateway.error.TooManyAttempts}), then is locked
 * out, for a remembered credential too.
 */
@Stateless
public class Authenticator {

    private static volatile String decoyHash;

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @Inject
    CredentialCache cache;

    @Inject
    GatewaySettings settings;

    @EJB
    EventLog log;

    @Inject
    LoginThrottle throttle;

    @PostConstruct
    void prepareDecoy() {
        if (decoyHash == null) {
            decoyHash = new PasswordHasher(settings.passwordIterations()).hash("decoy".toCharArray());
        }
    }

    /**
     * The account this login and password open, or empty. Throws
     * {@link io.deskside.gateway.error.TooManyAttempts} when the source has failed too often and
     * must wait before its next check.
     */
    public Optional<Actor> authenticate(String login, char[] password, String source) {
        if (login == null || password == null || login.length() > 64 || password.length > 1024) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        throttle.refuseIfWaiting(login, source, now);
        Optional<Actor> known = cache.account(login, password);
        if (known.isPresent()) {
            return known; // checked against the slow hash within the last few minutes; the account unchanged since
        }
        throttle.admit(login, source, now);
        try {
            return check(login, password, source, now);
        } finally {
            throttle.done(login, source);
        }
    }

    private Optional<Actor> check(String login, char[] password, String source, Instant now) {
        List<Technician> found = em.createQuery("SELECT t FROM Technician t WHERE t.login = :login", Technician.class)
                .setParameter("login", login)
                .getResultList();
        Technician t = found.isEmpty() ? null : found.get(0);
        boolean ok = PasswordHasher.matches(password, t == null ? decoyHash : t.passwordHash()) && t != null && t.active();
        if (!ok) {
            // An unknown login is not written down: it may be a password typed into the wrong field.
            String shown = t == null ? Event.UNKNOWN_LOGIN : login;
            log.append(Event.of(EventType.LOGIN_FAILED, shown).from(source)
                    .detail(t == null ? "unknown login" : t.active() ? "wrong password" : "account deactivated"));
            String lockedOut = throttle.failed(login, shown, source, now);
            if (lockedOut != null) {
                log.append(Event.of(EventType.SOURCE_LOCKED_OUT, Event.SYSTEM).from(source).detail(lockedOut));
            }
            return Optional.empty();
        }
        Actor actor = actorOf(t);
        cache.remember(login, password, actor);
        log.append(Event.of(EventType.LOGIN, login).from(source));
        return Optional.of(actor);
    }

    static Actor actorOf(Technician t) {
        return new Actor(t.id(), t.login(), t.displayName(), t.roles());
    }
}
