package io.deskside.gateway.technician;

import io.deskside.gateway.audit.Event;
import io.deskside.gateway.audit.EventLog;
import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.error.Check;
import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.queue.QueueEvents;
import io.deskside.gateway.security.Actor;
import io.deskside.gateway.security.CredentialCache;
import io.deskside.gateway.security.PasswordHasher;
import io.deskside.persistence.audit.EventType;
import io.deskside.persistence.technician.Role;
import io.deskside.persistence.technician.Technician;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The help desk's accounts: created, changed and deactivated by administrators. */
@Stateless
public class TechnicianDirectory {

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @Inject
    GatewaySettings settings;

    @Inject
    CredentialCache credentials;

    @EJB
    EventLog log;

    @EJB
    QueueEvents queueEvents;

    public Technician create(Actor by, String login, String displayName, String password, Set<Role> roles) {
        String l = Check.login(login);
        String name = Check.text("displayName", displayName, 128, false);
        char[] pw = Check.newPassword(password);
        if (roles == null || roles.isEmpty()) {
            throw GatewayException.invalid("roles must name at least one of technician, supervisor, billing, admin");
        }
        if (byLogin(l).isPresent()) {
            throw GatewayException.conflict("login '" + l + "' is taken");
        }
        Technician t = new Technician(l, name == null ? l : name,
                new PasswordHasher(settings.passwordIterations()).hash(pw), EnumSet.copyOf(roles), Instant.now());
        em.persist(t);
        em.flush();
        log.append(Event.of(EventType.TECHNICIAN_CREATED, by.login()).detail(l + " " + roleList(roles)));
        return t;
    }

    public Technician update(Actor by, long id, String displayName, Set<Role> roles, Boolean active) {
        Technician t = find(id);
        if (by.id() == id && ((roles != null && !roles.contains(Role.admin)) || Boolean.FALSE.equals(active))) {
            throw GatewayException.conflict("an administrator cannot remove their own admin role or deactivate themselves");
        }
        StringBuilder changes = new StringBuilder(t.login());
        String name = Check.text("displayName", displayName, 128, false);
        if (name != null) {
            t.rename(name);
            changes.append(" name");
        }
        if (roles != null) {
            if (roles.isEmpty()) {
                throw GatewayException.invalid("roles must name at least one of technician, supervisor, billing, admin");
            }
            t.grant(roles);
            changes.append(" roles=").append(roleList(roles));
        }
        if (active != null) {
            t.activate(active);
            changes.append(active ? " activated" : " deactivated");
        }
        credentials.forget(t.login()); // the remembered account (name, roles, active) is stale now
        log.append(Event.of(EventType.TECHNICIAN_CHANGED, by.login()).detail(changes.toString()));
        queueEvents.staffingChanged();
        return t;
    }

    public void changePassword(Actor by, long id, String newPassword) {
        if (by.id() != id && !by.has(Role.admin)) {
            throw GatewayException.forbidden("only an administrator may set another account's password");
        }
        Technician t = find(id);
        t.changePasswordHash(new PasswordHasher(settings.passwordIterations()).hash(Check.newPassword(newPassword)));
        credentials.forget(t.login());
        log.append(Event.of(EventType.PASSWORD_CHANGED, by.login()).detail(t.login()));
    }

    public List<Technician> list() {
        return em.createQuery("SELECT t FROM Technician t ORDER BY t.login", Technician.class).getResultList();
    }

    public Technician find(long id) {
        Technician t = em.find(Technician.class, id);
        if (t == null) {
            throw GatewayException.notFound("no technician " + id);
        }
        return t;
    }

    public Optional<Technician> byLogin(String login) {
        return em.createQuery("SELECT t FROM Technician t WHERE t.login = :login", Technician.class)
                .setParameter("login", login)
                .getResultStream()
                .findFirst();
    }

    /**
     * The signed-in account behind a principal name, if it may still act: from the credential
     * cache when the container authenticated it moments ago (no database query per request),
     * else from the database.
     */
    public Optional<Actor> actor(String login) {
        Optional<Actor> recent = credentials.recent(login);
        return recent.isPresent() ? recent : actorNow(login);
    }

    /** The same, always from the database: for a long-lived connection checking it may go on. */
    public Optional<Actor> actorNow(String login) {
        return byLogin(login).filter(Technician::active)
                .map(t -> new Actor(t.id(), t.login(), t.displayName(), t.roles()));
    }

    public long count() {
        return em.createQuery("SELECT COUNT(t) FROM Technician t", Long.class).getSingleResult();
    }

    private static String roleList(Set<Role> roles) {
        return EnumSet.copyOf(roles).toString();
    }
}
