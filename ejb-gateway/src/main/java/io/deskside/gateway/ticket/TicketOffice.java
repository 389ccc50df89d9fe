package io.deskside.gateway.ticket;

import io.deskside.gateway.audit.Event;
import io.deskside.gateway.audit.EventLog;
import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.security.Actor;
import io.deskside.persistence.audit.EventType;
import io.deskside.persistence.technician.Role;
import io.deskside.persistence.ticket.Ticket;
import io.deskside.persistence.ticket.TicketState;
import io.deskside.protocol.ticket.RoutingId;
import io.deskside.protocol.ticket.TicketSecret;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Issues, lists, revokes, redeems and expires service tickets. */
@Stateless
public class TicketOffice {

    static final int ISSUE_ATTEMPTS = 5;

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @Inject
    GatewaySettings settings;

    @EJB
    TicketWriter writer;

    @EJB
    EventLog log;

    /**
     * Issues a ticket into the technician's private queue. With {@code makeSecret} the gateway
     * makes up the six secret digits for a caller that cannot (a script); the Guest makes its
     * own and asks for the routing group only.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public IssuedTicket issue(Actor by, Duration validFor, boolean makeSecret) {
        if (!by.has(Role.technician)) {
            throw GatewayException.forbidden("only technicians issue tickets");
        }
        Duration ttl = validFor == null ? settings.ticketTtl() : validFor;
        if (ttl.compareTo(settings.ticketMinTtl()) < 0 || ttl.compareTo(settings.ticketMaxTtl()) > 0) {
            throw GatewayException.invalid("validForSeconds must lie between " + settings.ticketMinTtl().toSeconds()
                    + " and " + settings.ticketMaxTtl().toSeconds());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Ticket t = writer.insert(by.id(), ttl);
                return new IssuedTicket(t.id(), new RoutingId(t.routing()), t.issuedAt(), t.expiresAt(),
                        makeSecret ? TicketSecret.random() : null);
            } catch (EJBException clash) {
                if (attempt == ISSUE_ATTEMPTS) {
                    throw clash;
                }
            }
        }
    }

    public List<Ticket> liveTicketsOf(Actor by) {
        return em.createQuery("SELECT t FROM Ticket t JOIN FETCH t.issuedBy WHERE t.issuedBy.id = :id AND t.state = :s"
                        + " AND t.expiresAt > :now ORDER BY t.issuedAt", Ticket.class)
                .setParameter("id", by.id())
                .setParameter("s", TicketState.ISSUED)
                .setParameter("now", Instant.now())
                .getResultList();
    }

    /** The ticket with its issuer loaded, if the caller may see it. */
    public Ticket find(Actor by, long id) {
        Ticket t = em.createQuery("SELECT t FROM Ticket t JOIN FETCH t.issuedBy WHERE t.id = :id", Ticket.class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst()
                .orElse(null);
        if (t == null || (t.issuedBy().id() != by.id() && !by.seesEverything())) {
            throw GatewayException.notFound("no ticket " + id);
        }
        return t;
    }

    public Ticket revoke(Actor by, long id) {
        Ticket t = find(by, id);
        if (!t.state().isLive()) {
            throw GatewayException.conflict("ticket " + id + " is " + t.state().name().toLowerCase() + " already");
        }
        t.close(TicketState.REVOKED, Instant.now());
        log.append(Event.of(EventType.TICKET_REVOKED, by.login()).ticket(id));
        return t;
    }

    /**
     * The live ticket with this routing group, locked for the rest of the transaction (so the
     * requests waiting with it are counted without a race), or none. Finding it uses nothing up:
     * a routing group alone proves nothing, so it only attaches a Host's request to the ticket.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<Ticket> match(RoutingId routing, Instant now) {
        // Only a usable ticket is locked: a refused attempt holds no lock while it is logged.
        return em.createQuery("SELECT t FROM Ticket t WHERE t.liveRouting = :r"
                        + " AND t.state = :issued AND t.expiresAt > :now", Ticket.class)
                .setParameter("r", routing.digits())
                .setParameter("issued", TicketState.ISSUED)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    /**
     * A key exchange with this ticket succeeded for one of its requests: the Host proved the
     * ticket's secret to the technician's Guest. The ticket is used up; true when this closed it
     * (false when it had ended already, say expired during the session).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean used(long ticketId, long requestId, String source, String technician) {
        Ticket t = em.find(Ticket.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
        if (t == null || !t.state().isLive()) {
            return false;
        }
        t.close(TicketState.USED, Instant.now());
        log.append(Event.of(EventType.TICKET_USED, technician).ticket(ticketId).request(requestId).from(source)
                .detail("the end user's Host proved the ticket's secret"));
        return true;
    }

    /**
     * A key exchange with this ticket failed: someone held its routing group but not its secret,
     * or tampered with the exchange. Each is an alert in the event log; the last try a ticket
     * takes ({@link Ticket#MAX_FAILED_TRIES}) burns it. True when this burned it.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean failedTry(long ticketId, long requestId, String source) {
        Ticket t = em.find(Ticket.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
        if (t == null || t.state() == TicketState.BURNED) {
            return false;
        }
        boolean live = t.state().isLive();
        boolean burned = t.failedTry(Instant.now());
        if (!live) {
            log.append(Event.of(EventType.TICKET_TRY_FAILED, Event.SYSTEM).ticket(ticketId).request(requestId).from(source)
                    .detail("ALERT: the end-to-end key exchange failed with a ticket that was " + t.state().name().toLowerCase(java.util.Locale.ROOT)
                            + " already: a wrong ticket secret, or tampering"));
        } else if (burned) {
            log.append(Event.of(EventType.TICKET_BURNED, Event.SYSTEM).ticket(ticketId).request(requestId).from(source)
                    .detail("ALERT: " + t.failedTries() + " end-to-end key exchanges failed with this ticket; it is burned"));
        } else {
            log.append(Event.of(EventType.TICKET_TRY_FAILED, Event.SYSTEM).ticket(ticketId).request(requestId).from(source)
                    .detail("ALERT: the end-to-end key exchange failed (" + t.failedTries() + " of " + Ticket.MAX_FAILED_TRIES
                            + "): a wrong ticket secret, or tampering"));
        }
        return burned;
    }

    /** Closes tickets whose time has run out, freeing their routing groups. */
    public int expireOverdue(Instant now, int batch) {
        List<Ticket> overdue = em.createQuery(
                        "SELECT t FROM Ticket t WHERE t.state = :s AND t.expiresAt <= :now ORDER BY t.expiresAt", Ticket.class)
                .setParameter("s", TicketState.ISSUED)
                .setParameter("now", now)
                .setMaxResults(batch)
                .getResultList();
        for (Ticket t : overdue) {
            t.close(TicketState.EXPIRED, now);
        }
        for (Ticket t : overdue) {
            log.append(Event.of(EventType.TICKET_EXPIRED, Event.SYSTEM).ticket(t.id()));
        }
        return overdue.size();
    }
}
