package io.deskside.gateway.tunnel;

import io.deskside.edge.port.PeerOrigin;
import io.deskside.edge.port.Transport;
import io.deskside.edge.port.TunnelRegistry;
import io.deskside.gateway.config.GatewaySettings;
import io.deskside.protocol.link.Link;
import io.deskside.protocol.wire.Message;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's live tunnels, by id. It makes new ones (with a fresh unguessable token), finds
 * the one a resuming peer names, and twice a second sweeps: a tunnel whose transport has been
 * gone longer than the grace period is lost; a transport silent for too long is taken for dead;
 * what arrived since the last acknowledgement is acknowledged.
 */
@Singleton
@Startup
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Tunnels implements TunnelRegistry {

    private static final Logger LOG = Logger.getLogger(Tunnels.class.getName());
    static final long SWEEP_MILLIS = 500;
    static final int ACK_EVERY_SWEEPS = 4;
    private long sweeps;
    static final long ENDED_KEPT_MILLIS = 10_000;

    @Inject
    GatewaySettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, Tunnel> live = new ConcurrentHashMap<>();
    /** Host tunnels admitted and not yet forgotten: the source group each came from, by tunnel id; and counts. */
    private final Map<String, String> hostSources = new ConcurrentHashMap<>();
    private final Map<String, Integer> hostsBySource = new ConcurrentHashMap<>();
    private final AtomicInteger hosts = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private ScheduledFuture<?> sweeper;

    @PostConstruct
    void start() {
        sweeper = scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        sweeper.cancel(false);
    }

    /** A new tunnel for a peer of this role (and, for a Guest, this technician). */
    public Tunnel create(Message.Role role, String owner, int frameLimit) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        while (true) {
            byte[] id = new byte[8];
            random.nextBytes(id);
            Tunnel t = new Tunnel(this, HexFormat.of().formatHex(id), secret, role, owner, Link.DEFAULT_MAX_UNACKED_BYTES, frameLimit);
            if (live.putIfAbsent(t.id(), t) == null) {
                return t;
            }
        }
    }

    /**
     * A new Host tunnel from {@code source}, or why not: this node has as many Host tunnels as
     * it takes ({@code deskside.tunnel.max-hosts}) or that source has
     * ({@code deskside.tunnel.max-hosts-per-source}, an IPv4 address or an IPv6 /64). A Host
     * needs no account, so these bound what anyone holding one can make the node keep.
     */
    public Admission admitHost(String source, int frameLimit) {
        GatewaySettings.Limits limits = settings.limits();
        if (hosts.incrementAndGet() > limits.hostsInAll()) {
            hosts.decrementAndGet();
            return new Admission(null, "this help desk is at capacity; try again in a minute");
        }
        String group = String.valueOf(PeerOrigin.guessGroup(source));
        boolean[] admitted = {false};
        hostsBySource.compute(group, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= limits.hostsPerSource()) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            hosts.decrementAndGet();
            return new Admission(null, "too many Hosts from this address are connected; try again when one has finished");
        }
        Tunnel t = create(Message.Role.HOST, null, frameLimit);
        hostSources.put(t.id(), group);
        return new Admission(t, null);
    }

    /** A Host tunnel made, or why not. */
    public record Admission(Tunnel tunnel, String refusal) {
    }

    /** The tunnel a token names, if it is live and belongs to this role and owner; else null. */
    @Override
    public Tunnel find(String token, Message.Role role, String owner) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        Tunnel t = live.get(token.substring(0, dot));
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return t != null && t.opens(presented, role, owner) ? t : null;
    }

    public void forget(Tunnel t) {
        if (live.remove(t.id(), t)) {
            String group = hostSources.remove(t.id());
            if (group != null) {
                hostsBySource.computeIfPresent(group, (k, n) -> n > 1 ? n - 1 : null);
                hosts.decrementAndGet();
            }
        }
    }

    /** An ended tunnel stays findable for a few seconds, for its last words. */
    public void forgetLater(Tunnel t) {
        later(ENDED_KEPT_MILLIS, () -> forget(t));
    }

    public int heartbeatSeconds() {
        return (int) settings.tunnel().heartbeat().toSeconds();
    }

    public boolean transactionOnlyWhenProxied() {
        return !settings.tunnel().proxiedAnyTransport();
    }

    public long longPollMillis() {
        return settings.tunnel().longPoll().toMillis();
    }

    /** Runs {@code task} soon, on a worker: never on a transport's I/O thread. */
    public void run(Runnable task) {
        scheduler.execute(task);
    }

    /** Runs {@code task} once, after {@code millis}, off the caller's thread. */
    public void later(long millis, Runnable task) {
        scheduler.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        long now = System.nanoTime();
        // Timed acknowledgements every other second: busy tunnels acknowledge by count, idle ones with their pongs.
        boolean ackRound = ++sweeps % ACK_EVERY_SWEEPS == 0;
        long grace = settings.tunnel().grace().toNanos();
        long silence = settings.tunnel().silence().toNanos();
        for (Tunnel t : live.values()) {
            if (t.ended()) {
                continue;
            }
            try {
                long gone = t.detachedFor(now);
                if (gone > grace) {
                    LOG.info(() -> "A " + t.role() + " tunnel stayed away past the grace period; its session is lost");
                    t.lose();
                    continue;
                }
                Transport transport = t.transport();
                if (transport != null && transport.detectsSilence() && t.silentFor(now) > silence) {
                    LOG.info(() -> "A " + t.role() + " tunnel's transport fell silent; waiting for the peer to come back");
                    t.detach(transport);
                    transport.close("silent");
                    continue;
                }
                if (ackRound) {
                    t.acknowledgePending();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Sweeping a tunnel failed", e);
            }
        }
    }
}
