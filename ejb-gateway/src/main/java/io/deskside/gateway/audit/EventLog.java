package io.deskside.gateway.audit;

import io.deskside.gateway.config.GatewaySettings;
import io.deskside.persistence.audit.EventChainHead;
import io.deskside.persistence.audit.EventEntry;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
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
 * their own writes, so the head is held briefly and always taken after other rows. Every
 * entry is hashed with the event-log key ({@link EventLogKey}), which the database never sees.
 */
@Stateless
public class EventLog {

    static final int MAX_FIELD = 1000;

    static final int WALK_BATCH = 500;

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @EJB
    EventLogKey keys;

    @Inject
    GatewaySettings settings;

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
        String hash = keys.current().hash(head.hash(), seq, at, e.type(), actor, e.requestId(), e.ticketId(), source, detail);
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
     * Walks the whole chain and returns the first entry that does not check under the
     * event-log key, or does not link to the entry before it, held against this node's
     * checkpoint of the head; no break when the log is intact.
     */
    public Verdict verify() {
        ChainKey key = keys.current();
        // The checkpoint before the head: it saw only committed heads, so the head read next
        // is at or past it unless entries were really removed.
        Checkpoint checkpoint = null;
        String checkpointFault = null;
        try {
            checkpoint = Checkpoint.read(settings.audit().checkpointFile()).orElse(null);
        } catch (IllegalArgumentException e) {
            checkpointFault = "the checkpoint file was altered: " + e.getMessage();
        }
        if (checkpoint != null && !checkpoint.signedBy(key)) {
            checkpoint = null;
            checkpointFault = "the checkpoint file was altered (or signed with another key)";
        }
        Position head = head();
        Optional<ChainBreak> broken = walk(ChainWalk.fromGenesis(key, checkpoint), head.seq(), head.hash());
        if (broken.isEmpty() && checkpointFault != null) {
            broken = Optional.of(new ChainBreak(null, checkpointFault));
        }
        return new Verdict(broken, key.keyedFrom(), head.seq(), checkpoint == null ? null : checkpoint.seq());
    }

    /** The newest entry's number and hash, as committed now. */
    public Position head() {
        EventChainHead head = em.find(EventChainHead.class, EventChainHead.ID);
        return new Position(head.seq(), head.hash());
    }

    /**
     * Feeds the walk every entry after its position up to {@code headSeq}, in batches, and
     * finishes it against the head: the first break, or none. Entries appended while it runs
     * lie beyond the head and are not judged.
     */
    public Optional<ChainBreak> walk(ChainWalk walk, long headSeq, String headHash) {
        for (long after = walk.position(); ; ) {
            List<EventEntry> entries = em.createQuery(
                            "SELECT e FROM EventEntry e WHERE e.seq > :after AND e.seq <= :last ORDER BY e.seq", EventEntry.class)
                    .setParameter("after", after)
                    .setParameter("last", headSeq)
                    .setMaxResults(WALK_BATCH)
                    .getResultList();
            for (EventEntry e : entries) {
                Optional<ChainBreak> broken = walk.next(e);
                if (broken.isPresent()) {
                    return broken;
                }
                after = e.seq();
            }
            em.clear();
            if (entries.size() < WALK_BATCH) {
                break;
            }
        }
        return walk.finish(headSeq, headHash);
    }

    /** Where the chain ends: the newest entry's number and hash. */
    public record Position(long seq, String hash) {
    }

    /**
     * The outcome of {@link #verify()}: the first break, if any; from which entry on entries
     * must be keyed; the newest entry the walk reached; and the entry of the checkpoint it was
     * held against (null without a usable checkpoint).
     */
    public record Verdict(Optional<ChainBreak> broken, long keyedFrom, long checkedThrough, Long checkpoint) {
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
