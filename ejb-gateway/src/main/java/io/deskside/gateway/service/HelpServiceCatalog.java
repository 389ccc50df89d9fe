package io.deskside.gateway.service;

import io.deskside.gateway.audit.Event;
import io.deskside.gateway.audit.EventLog;
import io.deskside.gateway.error.Check;
import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.queue.QueueEvents;
import io.deskside.gateway.security.Actor;
import io.deskside.persistence.audit.EventType;
import io.deskside.persistence.service.HelpService;
import io.deskside.persistence.technician.Technician;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The help services end users can ask for by name, and who serves each. */
@Stateless
public class HelpServiceCatalog {

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @EJB
    EventLog log;

    @EJB
    QueueEvents queueEvents;

    public HelpService create(Actor by, String name, String description, List<String> technicianLogins) {
        String n = Check.text("name", name, 64, true);
        if (byName(n).isPresent()) {
            throw GatewayException.conflict("a help service named '" + n + "' exists");
        }
        HelpService s = new HelpService(n, Check.text("description", description, 500, false), Instant.now());
        if (technicianLogins != null) {
            s.staff(technicians(technicianLogins));
        }
        em.persist(s);
        em.flush();
        log.append(Event.of(EventType.SERVICE_CREATED, by.login()).detail(n + " staff=" + logins(s)));
        queueEvents.staffingChanged();
        return s;
    }

    public HelpService update(Actor by, long id, String name, String description, Boolean active,
            List<String> technicianLogins) {
        HelpService s = find(id);
        String n = name == null ? s.name() : Check.text("name", name, 64, true);
        if (!n.equals(s.name()) && byName(n).isPresent()) {
            throw GatewayException.conflict("a help service named '" + n + "' exists");
        }
        s.describe(n, description == null ? s.description() : Check.text("description", description, 500, false));
        if (active != null) {
            s.activate(active);
        }
        if (technicianLogins != null) {
            s.staff(technicians(technicianLogins));
        }
        log.append(Event.of(EventType.SERVICE_CHANGED, by.login())
                .detail(n + (s.active() ? "" : " (off)") + " staff=" + logins(s)));
        queueEvents.staffingChanged();
        return s;
    }

    public List<HelpService> list() {
        return em.createQuery("SELECT DISTINCT s FROM HelpService s LEFT JOIN FETCH s.technicians ORDER BY s.name",
                HelpService.class).getResultList();
    }

    /** The service with its staff loaded, so callers may read them after the transaction. */
    public HelpService find(long id) {
        return em.createQuery("SELECT s FROM HelpService s LEFT JOIN FETCH s.technicians WHERE s.id = :id", HelpService.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> GatewayException.notFound("no help service " + id));
    }

    public Optional<HelpService> byName(String name) {
        return em.createQuery("SELECT s FROM HelpService s WHERE LOWER(s.name) = LOWER(:name)", HelpService.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    /** The ids of the services a technician serves. */
    public Set<Long> servedBy(long technicianId) {
        return new HashSet<>(em.createQuery(
                        "SELECT s.id FROM HelpService s JOIN s.technicians t WHERE t.id = :id", Long.class)
                .setParameter("id", technicianId)
                .getResultList());
    }

    private Set<Technician> technicians(List<String> logins) {
        Set<Technician> staff = new HashSet<>();
        for (String login : logins) {
            staff.add(em.createQuery("SELECT t FROM Technician t WHERE t.login = :login", Technician.class)
                    .setParameter("login", login)
                    .getResultStream()
                    .findFirst()
                    .orElseThrow(() -> GatewayException.invalid("technicians: no account '" + login + "'")));
        }
        return staff;
    }

    private static String logins(HelpService s) {
        return s.technicians().stream().map(Technician::login).sorted().toList().toString();
    }
}
