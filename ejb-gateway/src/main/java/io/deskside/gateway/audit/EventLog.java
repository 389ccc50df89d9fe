package io.deskside.gateway.audit;

import io.deskside.persistence.audit.EventChainHead;
import io.deskside.persistence.audit.EventEntry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import io.deskside.persistence.audit.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Appends to the tamper-evident event log. An append joins the caller's transaction, so an
 * event is stored exactly when the change it describes is; it locks the chain head until that
 * transaction ends, which gives every entry one place in one chain. Callers log last, after
 * their own writes, so the head is held briefly and always taken after other rows.
 */
@Stateless
public class EventLog {

    static final int MAX_FIELD = 1000;

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public EventEntry append(Event event) {
        return write(event);
    }

    /**
     * Logs in a transaction of its own, for events about something that did not happen, such
     * as a rejected ticket, whose caller's transaction is about to roll back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public EventEntry appendAlone(Event event) {
        return write(event);
    }

    private EventEntry write(Event e) {
        // The caller's own changes go to the database first, so its row locks are always taken
        // before the head's: otherwise a claim and a hang-up could each hold what the other needs.
        em.flush();
        EventChainHead head = em.find(EventChainHead.class, EventChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        long seq = head.seq() + 1;
        // Microsecond precision: what both H2 and PostgreSQL keep, so the hash re-computes.
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String actor = clip(e.actor(), 128);
        String source = clip(e.source(), 64);
        String detail = clip(e.detail(), MAX_FIELD);
        String hash = EventChain.hash(head.hash(), seq, at, e.type(), actor, e.requestId(), e.ticketId(), source, detail);
        EventEntry entry = new EventEntry(seq, at, e.type(), actor, e.requestId(), e.ticketId(), source, detail,
                head.hash(), hash);
        em.persist(entry);
        head.advance(seq, hash);
        return entry;
    }

    public List<EventEntry> forRequest(long requestId) {
        return em.createQuery("SELECT e FROM EventEntry e WHERE e.requestId = :id ORDER BY e.seq", EventEntry.class)
                .setParameter("id", requestId)
                .getResultList();
    }

    public List<EventEntry> page(Instant from, Instant to, EventType type, int offset, int limit) {
        String jpql = "SELECT e FROM EventEntry e WHERE e.at >= :from AND e.at < :to"
                + (type == null ? "" : " AND e.type = :type") + " ORDER BY e.seq";
        TypedQuery<EventEntry> q = em.createQuery(jpql, EventEntry.class)
                .setParameter("from", from)
                .setParameter("to", to)
                .setFirstResult(offset)
                .setMaxResults(limit);
        if (type != null) {
            q.setParameter("type", type);
        }
        return q.getResultList();
    }

    /**
     * Walks the whole chain and returns the first entry that does not hash to what it says,
     * or does not link to the entry before it; empty when the log is intact.
     */
    public Optional<ChainBreak> verify() {
        // The head first: entries appended while the walk runs lie beyond it and are not judged.
        EventChainHead head = em.find(EventChainHead.class, EventChainHead.ID);
        long lastSeq = head.seq();
        String lastHash = head.hash();
        em.clear();
        String prev = EventChain.GENESIS;
        long expectedSeq = 1;
        int batch = 500;
        for (long after = 0; ; ) {
            List<EventEntry> entries = em.createQuery(
                            "SELECT e FROM EventEntry e WHERE e.seq > :after AND e.seq <= :last ORDER BY e.seq", EventEntry.class)
                    .setParameter("after", after)
                    .setParameter("last", lastSeq)
                    .setMaxResults(batch)
                    .getResultList();
            for (EventEntry e : entries) {
                if (e.seq() != expectedSeq) {
                    return Optional.of(new ChainBreak(expectedSeq, "entry " + expectedSeq + " is missing"));
                }
                if (!e.prevHash().equals(prev)) {
                    return Optional.of(new ChainBreak(e.seq(), "entry " + e.seq() + " does not link to the entry before it"));
                }
                String recomputed = EventChain.hash(prev, e.seq(), e.at(), e.type(), e.actor(), e.requestId(),
                        e.ticketId(), e.sourceAddress(), e.detail());
                if (!recomputed.equals(e.hash())) {
                    return Optional.of(new ChainBreak(e.seq(), "entry " + e.seq() + " was changed after it was written"));
                }
                prev = e.hash();
                expectedSeq++;
                after = e.seq();
            }
            em.clear();
            if (entries.size() < batch) {
                break;
            }
        }
        if (lastSeq != expectedSeq - 1 || !lastHash.equals(prev)) {
            return Optional.of(new ChainBreak(expectedSeq, "the newest entries were removed"));
        }
        return Optional.empty();
    }

    public record ChainBreak(long seq, String reason) {
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
