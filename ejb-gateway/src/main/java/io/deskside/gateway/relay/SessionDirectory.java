package io.deskside.gateway.relay;

import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.queue.HelpQueue;
import io.deskside.gateway.queue.QueueChange;
import io.deskside.gateway.queue.QueueEntry;
import io.deskside.gateway.queue.QueueEvents;
import io.deskside.gateway.queue.QueueSubscriber;
import io.deskside.gateway.security.Actor;
import io.deskside.gateway.technician.TechnicianDirectory;
import io.deskside.persistence.queue.EndReason;
import io.deskside.persistence.queue.RequestState;
import io.deskside.persistence.technician.Role;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The live help sessions of the gateway, by help request: the Host that waits or is connected,
 * the Guest that joined, and the relay between them. It reacts to claims (asking the Host to
 * confirm), pairs the Guest's tunnel with the Host's, and ends each session exactly once with
 * its reason and traffic in the call record. Lookups are lock-free; frames never pass through
 * a container lock.
 */
@Singleton
@Startup
@DependsOn({"QueueEvents", "HelpQueue"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SessionDirectory {

    private static final Logger LOG = Logger.getLogger(SessionDirectory.class.getName());

    @EJB
    HelpQueue queue;

    @EJB
    QueueEvents events;

    @EJB
    TechnicianDirectory technicians;

    @Resource
    ManagedExecutorService executor;

    @Resource
    jakarta.enterprise.concurrent.ManagedScheduledExecutorService scheduler;

    @Inject
    GatewaySettings settings;

    private final Map<Long, Live> live = new ConcurrentHashMap<>();
    private Runnable unsubscribe;

    /** One session's parts. */
    private static final class Live {
        final HostConnection host;
        final RelaySession relay;
        volatile GuestConnection guest;

        Live(HostConnection host, RelaySession relay) {
            this.host = host;
            this.relay = relay;
        }
    }

    @PostConstruct
    void listen() {
        unsubscribe = events.subscribe(new QueueSubscriber() {
            @Override
            public void changed(QueueChange change) {
                requestChanged(change);
            }

            @Override
            public void staffingChanged() {
                // Off the committing thread: the account change's transaction has just ended there.
                executor.execute(SessionDirectory.this::endRevokedSessions);
            }
        });
    }

    private void requestChanged(QueueChange change) {
        if (change.kind() != QueueChange.Kind.REMOVED) {
            return;
        }
        long id = change.entry().id();
        if (change.entry().state() == RequestState.CLAIMED) {
            Live l = live.get(id);
            if (l != null) {
                // Off the committing thread: the claim's transaction has just ended there.
                executor.execute(() -> l.host.claimed(change.entry()));
            }
        } else if (change.entry().state() == RequestState.EXPIRED) {
            Live l = live.remove(id);
            if (l != null && l.relay.endOnce()) {
                l.host.closeAfter(new Message.Disconnect(DisconnectReason.EXPIRED, "nobody could take your request in time; please call again"));
            }
        } else if (change.entry().endReason() == EndReason.TICKET_CLOSED) {
            Live l = live.remove(id);
            if (l != null && l.relay.endOnce()) {
                l.host.closeAfter(new Message.Disconnect(DisconnectReason.TICKET_CLOSED,
                        "this ticket can no longer be used; please ask your technician for a new one"));
                GuestConnection g = l.guest;
                if (g != null) {
                    g.closeAfter(new Message.Disconnect(DisconnectReason.TICKET_CLOSED,
                            "the ticket was used, revoked or burned: this request can no longer connect"));
                }
            }
        }
    }

    /**
     * Ends, at once, every session whose technician may no longer take sessions: the account was
     * switched off or lost the technician role. Ended as {@code revoked} in the call record; both
     * sides are told.
     */
    private void endRevokedSessions() {
        Map<String, Boolean> allowed = new java.util.HashMap<>();
        for (Live l : live.values()) {
            GuestConnection g = l.guest;
            if (g == null) {
                continue;
            }
            boolean mayStay = allowed.computeIfAbsent(g.actor().login(),
                    login -> technicians.actorNow(login).map(a -> a.has(Role.technician)).orElse(false));
            if (mayStay || live.remove(l.relay.requestId()) == null || !l.relay.endOnce()) {
                continue;
            }
            LOG.info(() -> "Ended session " + l.relay.requestId() + ": " + g.actor().login() + " may no longer take sessions");
            close(l.relay, EndReason.REVOKED, "system");
            g.closeAfter(new Message.Disconnect(DisconnectReason.REVOKED, "this account may no longer take sessions"));
            l.host.closeAfter(new Message.Disconnect(DisconnectReason.REVOKED, "the technician's access was withdrawn; please call again"));
        }
    }

    @PreDestroy
    void stop() {
        unsubscribe.run();
    }

    /** A new Host connection over some transport; the transport feeds it and reports its end. */
    HostConnection connectHost(ConnectionSink sink, String source) {
        return new HostConnection(sink, source, queue, this);
    }

    /**
     * A new Host connection on its tunnel, closed if it has not asked for help within
     * {@code deskside.tunnel.ask-within} (see {@link HostConnection#expireIfIdle}). The check holds
     * the connection weakly: a Host that has gone is not kept in memory until it runs.
     */
    public HostConnection openHost(ConnectionSink tunnel, String source) {
        HostConnection c = connectHost(tunnel, source);
        WeakReference<HostConnection> pending = new WeakReference<>(c);
        scheduler.schedule(() -> {
            HostConnection h = pending.get();
            if (h != null) {
                h.expireIfIdle();
            }
        }, settings.limits().hostAskWithin().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return c;
    }

    /**
     * A technician's Guest tunnel for a request they claimed, whose Host is still connected.
     * Refused with 404 (not theirs, or no such live session) or 409 (no longer running).
     */
    public GuestConnection openGuest(ConnectionSink sink, Actor actor, long requestId) {
        QueueEntry entry = claimedBy(actor, requestId);
        Live l = live.get(requestId);
        if (l == null || entry.state().isFinal()) {
            throw GatewayException.conflict("request " + requestId + " has no Host connected any more");
        }
        sink.connected();
        return new GuestConnection(sink, actor, l.relay, this);
    }

    /** The request, if this technician claimed it; else 404, as if it did not exist. */
    public QueueEntry claimedBy(Actor actor, long requestId) {
        QueueEntry entry = queue.entry(requestId);
        if (!actor.login().equals(entry.claimedBy())) {
            throw GatewayException.notFound("request " + requestId + " is not one you took");
        }
        return entry;
    }

    RelaySession waiting(SessionContext context, HostConnection host, ConnectionSink sink) {
        RelaySession relay = new RelaySession(context);
        relay.host(sink);
        live.put(context.requestId(), new Live(host, relay));
        return relay;
    }

    void guestJoined(RelaySession relay, GuestConnection guest) {
        Live l = live.get(relay.requestId());
        if (l == null) {
            guest.closeAfter(new Message.Disconnect(DisconnectReason.ENDED, "the session has ended"));
            return;
        }
        GuestConnection previous = l.guest;
        l.guest = guest;
        relay.guest(guest.sink());
        if (previous != null && previous != guest) {
            previous.closeAfter(new Message.Disconnect(DisconnectReason.REPLACED, "another Guest tunnel took this session"));
        }
        if (l.host.connected()) {
            guest.tell(new Message.Session(relay.context()));
            guest.tell(new Message.Status(Message.Status.State.CONNECTED, "the end user allowed access"));
        } else {
            guest.tell(new Message.Status(Message.Status.State.CONFIRMING, "waiting for the end user to allow access"));
        }
    }

    /**
     * The Guest's key exchange succeeded: the Host proved the ticket's secret, so the ticket is
     * used up. Refused (and logged) if this technician did not claim the request or it is not
     * connected; the session goes on either way.
     */
    void keyConfirmed(RelaySession relay, GuestConnection guest) {
        try {
            queue.keyConfirmed(relay.requestId(), guest.actor());
        } catch (GatewayException e) {
            LOG.warning(() -> "Ignored a key confirmation for request " + relay.requestId() + ": " + e.getMessage());
        }
    }

    void hostConfirmed(RelaySession relay) {
        Live l = live.get(relay.requestId());
        if (l != null && l.guest != null) {
            l.guest.tell(new Message.Session(relay.context()));
            l.guest.tell(new Message.Status(Message.Status.State.CONNECTED, "the end user allowed access"));
        }
    }

    void hostDenied(RelaySession relay) {
        Live l = live.remove(relay.requestId());
        if (l != null && relay.endOnce() && l.guest != null) {
            l.guest.closeAfter(new Message.Disconnect(DisconnectReason.DENIED, "the end user declined access"));
        }
    }

    /** The Host ended, broke the protocol or dropped: end the session and tell the Guest. */
    void hostEnded(RelaySession relay, HostConnection host, EndReason reason, DisconnectReason wireReason) {
        Live l = live.remove(relay.requestId());
        if (!relay.endOnce()) {
            return;
        }
        close(relay, reason, "host");
        if (l != null && l.guest != null) {
            l.guest.closeAfter(new Message.Disconnect(wireReason, "the end user's side ended the session"));
        }
    }

    /** The technician ended the session from the Guest. */
    void guestEnded(RelaySession relay, GuestConnection guest, DisconnectReason wireReason) {
        Live l = live.remove(relay.requestId());
        if (!relay.endOnce()) {
            return;
        }
        EndReason reason = wireReason == DisconnectReason.KEY_EXCHANGE_FAILED ? EndReason.KEY_EXCHANGE_FAILED : EndReason.GUEST_ENDED;
        close(relay, reason, "guest");
        if (l != null) {
            l.host.closeAfter(new Message.Disconnect(reason == EndReason.KEY_EXCHANGE_FAILED ? wireReason : DisconnectReason.GUEST_ENDED,
                    "the technician ended the session"));
        }
    }

    void guestLost(RelaySession relay, GuestConnection guest) {
        Live l = live.get(relay.requestId());
        if (l == null || l.guest != guest) {
            return;
        }
        live.remove(relay.requestId());
        if (relay.endOnce()) {
            close(relay, EndReason.LOST, "guest");
            l.host.closeAfter(new Message.Disconnect(DisconnectReason.LOST, "the technician's connection was lost"));
        }
    }

    private void close(RelaySession relay, EndReason reason, String actor) {
        long id = relay.requestId();
        try {
            if (relay.bytesToHost() > 0 || relay.bytesToGuest() > 0) {
                queue.traffic(id, relay.bytesToHost(), relay.bytesToGuest());
            }
            if (reason == EndReason.KEY_EXCHANGE_FAILED) {
                queue.keyExchangeFailed(id, actor);
            } else {
                queue.end(id, reason, actor);
            }
        } catch (GatewayException alreadyEnded) {
            LOG.fine(() -> "Request " + id + " had ended already: " + alreadyEnded.getMessage());
        } catch (RuntimeException e) {
            // The tunnels close all the same; the request stays open until housekeeping or an
            // operator ends it, and this line says which one.
            LOG.severe(() -> "Could not record the end of request " + id + " (" + reason.wireName() + "): " + e);
            LOG.log(java.util.logging.Level.FINE, "Stack of the failure", e);
        }
    }

    public int liveSessions() {
        return live.size();
    }
}
