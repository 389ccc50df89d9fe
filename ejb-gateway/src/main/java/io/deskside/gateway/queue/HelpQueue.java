package io.deskside.gateway.queue;

import io.deskside.gateway.audit.Event;
import io.deskside.gateway.audit.EventLog;
import io.deskside.gateway.billing.CallRecordBook;
import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.error.Check;
import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.error.TooManyAttempts;
import io.deskside.gateway.security.Actor;
import io.deskside.gateway.security.RateLimiter;
import io.deskside.gateway.service.HelpServiceCatalog;
import io.deskside.gateway.ticket.TicketOffice;
import io.deskside.edge.port.PeerOrigin;
import io.deskside.persistence.audit.EventType;
import io.deskside.persistence.queue.EndReason;
import io.deskside.persistence.queue.HelpRequest;
import io.deskside.persistence.queue.RequestState;
import io.deskside.persistence.service.HelpService;
import io.deskside.persistence.technician.Technician;
import io.deskside.persistence.ticket.Ticket;
import io.deskside.protocol.ticket.RoutingId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The help queue: every waiting help request, in memory for fast reads and pushes, backed by
 * the database so that it survives a restart. Claims are decided by the database (a
 * conditional update that only one transaction can win), not by a lock in this bean, so they
 * stay atomic with many threads and, later, many nodes. Changes reach subscribers after they
 * commit, through {@link QueueEvents}.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "QueueEvents"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HelpQueue {

    static final int MAX_SOURCE = 64;

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @Inject
    GatewaySettings settings;

    @EJB
    TicketOffice tickets;

    @EJB
    HelpServiceCatalog services;

    @EJB
    GuessLimiter guesses;

    @EJB
    CallRecordBook callRecords;

    @EJB
    EventLog log;

    @EJB
    QueueEvents events;

    /** Requests that may wait with one ticket at once: a routing group is all a guesser needs to add one. */
    static final int MAX_WAITING_PER_TICKET = 5;
    private static final List<RequestState> LIVE_STATES = List.of(RequestState.WAITING, RequestState.CLAIMED,
            RequestState.CONFIRMING, RequestState.CONNECTED);

    /** The waiting requests, mirrored from committed changes only. */
    private final Map<Long, QueueEntry> waiting = new ConcurrentHashMap<>();
    private Runnable unsubscribe;
    /** Service requests a minute, per source. */
    private RateLimiter asks;
    /** When this deployment started: sessions claimed before it lost their tunnels with the old one. */
    private final Instant started = Instant.now();
    private volatile boolean orphansEnded;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void load() {
        asks = new RateLimiter(settings.limits().asksPerMinute());
        em.createQuery("SELECT r FROM HelpRequest r WHERE r.state = :s", HelpRequest.class)
                .setParameter("s", RequestState.WAITING)
                .getResultList()
                .forEach(r -> waiting.put(r.id(), QueueEntry.of(r)));
        unsubscribe = events.subscribe(change -> {
            if (change.kind() == QueueChange.Kind.ADDED) {
                waiting.put(change.entry().id(), change.entry());
            } else if (change.kind() == QueueChange.Kind.CHANGED) {
                // Only what still waits: a change told after a claim must not bring the request back.
                waiting.computeIfPresent(change.entry().id(), (id, was) -> change.entry());
            } else {
                waiting.remove(change.entry().id());
            }
        });
    }

    @PreDestroy
    void stop() {
        unsubscribe.run();
    }

    /**
     * A Host asks for help with a ticket's routing group. A routing group proves nothing, so it
     * uses nothing up: the request waits with the ticket, beside any others that named the same
     * group (at most {@value #MAX_WAITING_PER_TICKET} waiting, one from each address), and the
     * technician sees them all. Unknown or expired groups count against the source address (too
     * many and it must wait, then is locked out) and against the node's budget of wrong tickets.
     */
    public QueueEntry askWithTicket(RoutingId routing, String customerName, String message, String source) {
        Instant now = Instant.now();
        String from = Check.text("source", source, MAX_SOURCE, true);
        // Checked before a guess is taken: a malformed ask costs the node's budget nothing.
        String customer = Check.text("customerName", customerName, HelpRequest.MAX_CUSTOMER_NAME, true);
        String text = Check.text("message", message, HelpRequest.MAX_MESSAGE, false);
        guesses.admit(from, now);
        GuessLimiter.Outcome outcome = GuessLimiter.Outcome.UNDECIDED;
        try {
            Ticket ticket = tickets.match(routing, now).orElse(null);
            if (ticket == null) {
                outcome = GuessLimiter.Outcome.WRONG;
                // The digits typed are not kept: a group may have the shape of a ticket's secret part.
                log.appendAlone(Event.of(EventType.TICKET_REJECTED, Event.HOST).from(from)
                        .detail("an unknown or expired routing group of " + routing.digits().length() + " digits"));
                logGuessing(guesses.failed(from, now), from, true);
                throw GatewayException.notFound("no such ticket, or it has expired or been used");
            }
            outcome = GuessLimiter.Outcome.RIGHT;
            return ask(ticket, customer, text, from, now);
        } finally {
            guesses.done(from, outcome);
        }
    }

    private QueueEntry ask(Ticket ticket, String customer, String text, String from, Instant now) {
        String group = PeerOrigin.guessGroup(from);
        List<HelpRequest> waitingWithIt = em.createQuery("SELECT r FROM HelpRequest r WHERE r.ticket = :t AND r.state = :waiting",
                        HelpRequest.class)
                .setParameter("t", ticket)
                .setParameter("waiting", RequestState.WAITING)
                .getResultList();
        if (waitingWithIt.stream().anyMatch(w -> group.equals(PeerOrigin.guessGroup(w.sourceAddress())))) {
            throw new TooManyAttempts(Duration.ofMinutes(1), "a request from this address is waiting with this ticket already");
        }
        if (waitingWithIt.size() >= MAX_WAITING_PER_TICKET) {
            throw new TooManyAttempts(Duration.ofMinutes(1), "as many end users as one ticket takes are waiting with it already;"
                    + " ask your technician for a new ticket");
        }
        HelpRequest r = HelpRequest.forTicket(ticket, customer, text, from, now).on(settings.node());
        em.persist(r);
        em.flush();
        callRecords.opened(r);
        return added(r, from);
    }

    /**
     * The technician's Guest finished the key exchange of a ticket request: the Host proved the
     * ticket's secret. The ticket is used up, and the other requests waiting with it end
     * ({@code ticket_closed}). Only the technician who claimed the request can say so, and only
     * while its session is connected; for a service request, or said again, it changes nothing.
     */
    public void keyConfirmed(long requestId, Actor technician) {
        HelpRequest r = live(requestId);
        if (r.claimedBy() == null || !r.claimedBy().login().equals(technician.login())) {
            throw GatewayException.notFound("request " + requestId + " is not one you took");
        }
        if (r.state() != RequestState.CONNECTED) {
            throw GatewayException.conflict("request " + requestId + " is not connected");
        }
        if (r.ticket() != null) {
            List<HelpRequest> others = lockOthersWith(r.ticket().id(), requestId);
            if (tickets.used(r.ticket().id(), requestId, r.sourceAddress(), technician.login())) {
                endAll(others);
            }
        }
    }

    /** The technician withdraws a ticket; the requests still live with it end ({@code ticket_closed}). */
    public Ticket revokeTicket(Actor by, long ticketId) {
        List<HelpRequest> others = lockOthersWith(ticketId, null);
        Ticket t = tickets.revoke(by, ticketId);
        endAll(others);
        return t;
    }

    /**
     * The live requests with this ticket but {@code except}, their rows locked. Taken before the
     * ticket's row and the event log's head: a claim locks its request's row first and the head
     * last, and so must everything else that changes requests, or the two could wait on each other.
     */
    private List<HelpRequest> lockOthersWith(long ticketId, Long except) {
        return em.createQuery("SELECT r FROM HelpRequest r WHERE r.ticket.id = :t AND r.state IN :live ORDER BY r.id",
                        HelpRequest.class)
                .setParameter("t", ticketId)
                .setParameter("live", LIVE_STATES)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .filter(o -> !Long.valueOf(o.id()).equals(except))
                .toList();
    }

    /** Ends requests whose ticket can no longer be used, whatever they had reached: none of them proved the secret. */
    private void endAll(List<HelpRequest> others) {
        for (HelpRequest o : others) {
            end(o.id(), EndReason.TICKET_CLOSED, Event.SYSTEM);
        }
    }

    /**
     * The alerts a wrong ticket may raise: its source locked out, the node's budget spent.
     * {@code alone}: in a transaction of their own, as a refused ask rolls back; else in the
     * caller's, which may hold the log's head already.
     */
    private void logGuessing(GuessLimiter.Failure failure, String from, boolean alone) {
        java.util.function.Consumer<Event> write = alone ? log::appendAlone : log::append;
        if (failure.lockedOut()) {
            write.accept(Event.of(EventType.SOURCE_LOCKED_OUT, Event.SYSTEM).from(from)
                    .detail("locked out for " + settings.lockoutDuration().toSeconds() + " s after "
                            + settings.failedTicketsBeforeLockout() + " wrong tickets"));
        }
        if (failure.nodeThrottled()) {
            write.accept(Event.of(EventType.GUESSING_THROTTLED, Event.SYSTEM).from(from)
                    .detail("ALERT: " + settings.guessesPerMinute() + " wrong tickets a minute reach this node from all"
                            + " addresses together; ticket requests wait until the rate falls"));
        }
    }

    /**
     * A Host asks for help under a help service's name. Anyone holding a Host may ask, so asks
     * are bounded ({@link GatewaySettings.Limits}): so many waiting in all, so many waiting from
     * one source address, and so many a minute from one source (an IPv4 address or an IPv6 /64).
     */
    public QueueEntry askForService(String serviceName, String customerName, String message, String source) {
        Instant now = Instant.now();
        String from = Check.text("source", source, MAX_SOURCE, true);
        String customer = Check.text("customerName", customerName, HelpRequest.MAX_CUSTOMER_NAME, true);
        String text = Check.text("message", message, HelpRequest.MAX_MESSAGE, false);
        HelpService service = services.byName(Check.text("service", serviceName, 64, true))
                .filter(HelpService::active)
                .orElseThrow(() -> GatewayException.notFound("no help service named '" + serviceName + "' takes requests"));
        admitAsk(from, now);
        HelpRequest r = HelpRequest.forService(service, customer, text, from, now).on(settings.node());
        em.persist(r);
        em.flush();
        callRecords.opened(r);
        return added(r, from);
    }

    /** Refuses a service request past the bounds; a refused one does not count against the rate. */
    private void admitAsk(String from, Instant now) {
        GatewaySettings.Limits limits = settings.limits();
        if (waiting.size() >= limits.waitingInAll()) {
            throw new GatewayException(503, "Queue full", "the help queue is full; try again in a few minutes");
        }
        long fromSource = em.createQuery("SELECT COUNT(r) FROM HelpRequest r WHERE r.state = :s AND r.sourceAddress = :from", Long.class)
                .setParameter("s", RequestState.WAITING)
                .setParameter("from", from)
                .getSingleResult();
        if (fromSource >= limits.waitingPerSource()) {
            throw new TooManyAttempts(Duration.ofMinutes(1), fromSource
                    + " help requests from this address are waiting already; try again when one has been taken");
        }
        Duration wait = asks.take(PeerOrigin.guessGroup(from), now);
        if (!wait.isZero()) {
            Duration seconds = wait.plusMillis(999).withNanos(0);
            throw new TooManyAttempts(seconds, "too many help requests from this address; try again in " + seconds.toSeconds() + " s");
        }
    }

    private QueueEntry added(HelpRequest r, String from) {
        log.append(Event.of(EventType.REQUEST_ASKED, Event.HOST).request(r.id()).from(from)
                .detail(r.service() != null ? "service " + r.service().name() : "ticket " + r.ticket().routing()));
        QueueEntry entry = QueueEntry.of(r);
        events.publish(new QueueChange(QueueChange.Kind.ADDED, entry));
        return entry;
    }

    /** The waiting requests this technician may see, oldest first. */
    public List<QueueEntry> visibleTo(Viewer viewer) {
        return waiting.values().stream()
                .filter(e -> e.visibleTo(viewer))
                .sorted(Comparator.comparing(QueueEntry::askedAt).thenComparing(QueueEntry::id))
                .toList();
    }

    public Viewer viewer(Actor actor) {
        return new Viewer(actor, services.servedBy(actor.id()));
    }

    /**
     * Takes a waiting request for this technician. Exactly one of any number of concurrent
     * claims wins; the others get a conflict naming the winner.
     */
    public QueueEntry claim(Actor actor, long requestId) {
        HelpRequest r = em.find(HelpRequest.class, requestId);
        Viewer viewer = viewer(actor);
        QueueEntry entry = r == null ? null : QueueEntry.of(r);
        if (entry == null || !entry.visibleTo(viewer)) {
            throw GatewayException.notFound("no help request " + requestId + " in your queues");
        }
        if (!entry.claimableBy(viewer)) {
            throw GatewayException.forbidden("only " + entry.ownerLogin() + ", who issued its ticket, can take request " + requestId);
        }
        Instant now = Instant.now();
        int won = em.createQuery("UPDATE HelpRequest r SET r.state = :claimed, r.claimedBy = :tech, r.claimedAt = :now,"
                        + " r.version = r.version + 1 WHERE r.id = :id AND r.state = :waiting")
                .setParameter("claimed", RequestState.CLAIMED)
                .setParameter("tech", em.getReference(Technician.class, actor.id()))
                .setParameter("now", now)
                .setParameter("id", requestId)
                .setParameter("waiting", RequestState.WAITING)
                .executeUpdate();
        em.refresh(r);
        if (won == 0) {
            throw GatewayException.conflict(r.claimedBy() != null
                    ? "request " + requestId + " was taken by " + r.claimedBy().login()
                    : "request " + requestId + " is no longer waiting (" + r.state().name().toLowerCase() + ")");
        }
        callRecords.claimed(r);
        log.append(Event.of(EventType.REQUEST_CLAIMED, actor.login()).request(requestId));
        QueueEntry claimed = QueueEntry.of(r);
        events.publish(new QueueChange(QueueChange.Kind.REMOVED, claimed));
        return claimed;
    }

    /** The Host shows the end user the confirm-access dialog. */
    public void confirming(long requestId) {
        HelpRequest r = live(requestId);
        r.askConfirmation();
        log.append(Event.of(EventType.REQUEST_CONFIRMING, Event.HOST).request(requestId));
    }

    /** The end user allowed access: the session is connected and billing starts. */
    public void confirmed(long requestId) {
        HelpRequest r = live(requestId);
        r.confirm(Instant.now());
        callRecords.confirmed(r);
        log.append(Event.of(EventType.REQUEST_CONNECTED, Event.HOST).request(requestId));
    }

    public void denied(long requestId) {
        HelpRequest r = live(requestId);
        r.deny(Instant.now());
        callRecords.closed(r);
        log.append(Event.of(EventType.REQUEST_DENIED, Event.HOST).request(requestId));
    }

    /** Counts relayed bytes into the call record. */
    public void traffic(long requestId, long toHost, long toGuest) {
        live(requestId);
        callRecords.traffic(requestId, toHost, toGuest);
    }

    /** Ends a request or session, whoever ends it and in whatever state it is. */
    public void end(long requestId, EndReason reason, String actor) {
        HelpRequest r = live(requestId);
        boolean wasWaiting = r.state() == RequestState.WAITING;
        r.end(reason, Instant.now());
        callRecords.closed(r);
        log.append(Event.of(EventType.REQUEST_ENDED, actor).request(requestId).detail(reason.wireName()));
        if (wasWaiting || reason == EndReason.TICKET_CLOSED) {
            // Queues drop it; a session in the making with a closed ticket is ended by the directory.
            events.publish(new QueueChange(QueueChange.Kind.REMOVED, QueueEntry.of(r)));
        }
    }

    /**
     * The end-to-end key exchange failed: the session ends, with an alert in the event log. For a
     * ticket request it counts a failed try on the ticket (shown to the technician on the ticket
     * and on the requests still waiting with it) and a wrong ticket against the Host's address;
     * the last try a ticket takes burns it, and the requests waiting with it end.
     */
    public void keyExchangeFailed(long requestId, String actor) {
        HelpRequest r = live(requestId);
        if (r.ticket() != null) {
            long ticketId = r.ticket().id();
            List<HelpRequest> others = lockOthersWith(ticketId, requestId);
            GuessLimiter.Failure failure = guesses.failedLater(r.sourceAddress(), Instant.now());
            if (tickets.failedTry(ticketId, requestId, r.sourceAddress())) {
                endAll(others);
            } else {
                // Shows the technician the ticket's failed tries on the requests still waiting with it.
                others.stream().filter(o -> o.state() == RequestState.WAITING)
                        .forEach(o -> events.publish(new QueueChange(QueueChange.Kind.CHANGED, QueueEntry.of(o))));
            }
            logGuessing(failure, r.sourceAddress(), false);
        }
        end(requestId, EndReason.KEY_EXCHANGE_FAILED, actor);
    }

    /** A request as the queue shows it, in any state. */
    public QueueEntry entry(long requestId) {
        return QueueEntry.of(find(requestId));
    }

    /** Ends the requests nobody took within the queue timeout. */
    public int expireOverdue(Instant now, int batch) {
        List<HelpRequest> overdue = em.createQuery("SELECT r FROM HelpRequest r WHERE r.state = :s AND r.askedAt <= :limit"
                        + " ORDER BY r.askedAt", HelpRequest.class)
                .setParameter("s", RequestState.WAITING)
                .setParameter("limit", now.minus(settings.queueTimeout()))
                .setMaxResults(batch)
                .getResultList();
        for (HelpRequest r : overdue) {
            r.end(EndReason.EXPIRED, now);
            callRecords.closed(r);
        }
        for (HelpRequest r : overdue) {
            log.append(Event.of(EventType.REQUEST_ENDED, Event.SYSTEM).request(r.id()).detail(EndReason.EXPIRED.wireName()));
            events.publish(new QueueChange(QueueChange.Kind.REMOVED, QueueEntry.of(r)));
        }
        return overdue.size();
    }

    /**
     * Ends, as {@code lost}, the sessions a restart left behind: requests whose Host tunnel was on
     * this node ({@code deskside.node}), claimed before this deployment started and not yet ended
     * (claimed, confirming or connected); other nodes' sessions are theirs. Their Host and
     * Guest tunnels lived in the old server's memory, so neither side can come back to them. Runs
     * once the grace period after start-up has passed, in batches; waiting requests stay in the
     * queue (a Host asks again if its tunnel is gone; nobody's request is lost).
     */
    public int endOrphans(Instant now, int batch) {
        if (orphansEnded || now.isBefore(started.plus(settings.tunnel().grace()))) {
            return 0;
        }
        List<HelpRequest> orphans = em.createQuery("SELECT r FROM HelpRequest r WHERE r.state IN :s AND r.claimedAt < :started"
                        + " AND (r.gatewayNode = :node OR r.gatewayNode IS NULL) ORDER BY r.id", HelpRequest.class)
                .setParameter("s", List.of(RequestState.CLAIMED, RequestState.CONFIRMING, RequestState.CONNECTED))
                .setParameter("started", started)
                .setParameter("node", settings.node())
                .setMaxResults(batch)
                .getResultList();
        for (HelpRequest r : orphans) {
            r.end(EndReason.LOST, now);
            callRecords.closed(r);
            log.append(Event.of(EventType.REQUEST_ENDED, Event.SYSTEM).request(r.id())
                    .detail(EndReason.LOST.wireName() + ": the gateway restarted during the session"));
        }
        if (orphans.size() < batch) {
            orphansEnded = true;
        }
        return orphans.size();
    }

    public HelpRequest find(long requestId) {
        HelpRequest r = em.find(HelpRequest.class, requestId);
        if (r == null) {
            throw GatewayException.notFound("no help request " + requestId);
        }
        return r;
    }

    private HelpRequest live(long requestId) {
        HelpRequest r = find(requestId);
        if (r.state().isFinal()) {
            throw GatewayException.conflict("help request " + requestId + " has ended (" + r.state().name().toLowerCase() + ")");
        }
        return r;
    }
}
