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
import java.util.List;
import java.util.Optional;

/**
 * Checks a help-desk account's login and password: the database identity store behind
 * Jakarta Security. A fresh check (not remembered from the last few minutes) is logged as a
 * login; every failure is logged. An unknown login costs as much time as a wrong password.
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

    @PostConstruct
    void prepareDecoy() {
        if (decoyHash == null) {
            decoyHash = new PasswordHasher(settings.passwordIterations()).hash("decoy".toCharArray());
        }
    }

    public Optional<Actor> authenticate(String login, char[] password, String source) {
        if (login == null || password == null || login.length() > 64 || password.length > 1024) {
            return Optional.empty();
        }
        Optional<Actor> known = cache.account(login, password);
        if (known.isPresent()) {
            return known; // checked against the slow hash within the last few minutes; the account unchanged since
        }
        List<Technician> found = em.createQuery("SELECT t FROM Technician t WHERE t.login = :login", Technician.class)
                .setParameter("login", login)
                .getResultList();
        Technician t = found.isEmpty() ? null : found.get(0);
        boolean ok = PasswordHasher.matches(password, t == null ? decoyHash : t.passwordHash()) && t != null && t.active();
        if (!ok) {
            log.append(Event.of(EventType.LOGIN_FAILED, login).from(source)
                    .detail(t == null ? "unknown login" : t.active() ? "wrong password" : "account deactivated"));
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
