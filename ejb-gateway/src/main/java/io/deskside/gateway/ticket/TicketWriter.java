package io.deskside.gateway.ticket;

import io.deskside.gateway.audit.Event;
import io.deskside.gateway.audit.EventLog;
import io.deskside.gateway.error.GatewayException;
import io.deskside.persistence.audit.EventType;
import io.deskside.persistence.technician.Technician;
import io.deskside.persistence.ticket.Ticket;
import io.deskside.persistence.ticket.TicketState;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;

/**
 * Stores one new ticket in a transaction of its own, so that the rare clash of two nodes
 * picking the same free routing group fails only that attempt and the office can try again.
 */
@Stateless
public class TicketWriter {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @EJB
    EventLog log;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Ticket insert(long technicianId, Duration validFor) {
        Technician issuer = em.find(Technician.class, technicianId);
        long live = em.createQuery("SELECT COUNT(t) FROM Ticket t WHERE t.state = :s", Long.class)
                .setParameter("s", TicketState.ISSUED)
                .getSingleResult();
        int digits = RoutingAllocator.digitsFor(live);
        var taken = new HashSet<>(em.createQuery(
                        "SELECT t.routing FROM Ticket t WHERE t.state = :s AND LENGTH(t.routing) = :d", String.class)
                .setParameter("s", TicketState.ISSUED)
                .setParameter("d", digits)
                .getResultList());
        String routing = RoutingAllocator.pick(digits, taken, RANDOM);
        if (routing == null) {
            throw new GatewayException(503, "Service unavailable", "every ticket number is in use; try again shortly");
        }
        Instant now = Instant.now();
        Ticket ticket = new Ticket(routing, issuer, now, now.plus(validFor));
        em.persist(ticket);
        em.flush();
        log.append(Event.of(EventType.TICKET_ISSUED, issuer.login()).ticket(ticket.id())
                .detail("routing " + routing + ", valid " + validFor.toSeconds() + " s"));
        return ticket;
    }
}
