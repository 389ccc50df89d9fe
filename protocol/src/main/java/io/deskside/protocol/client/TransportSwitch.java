package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Closed;
import io.deskside.protocol.client.GatewayTunnel.Event;
import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.client.GatewayTunnel.OpenFailed;
import io.deskside.protocol.client.GatewayTunnel.OpenFailed.Why;
import io.deskside.protocol.client.GatewayTunnel.Options;
import io.deskside.protocol.client.GatewayTunnel.TunnelRefused;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a tunnel on a transport from its opening to its end, doing what {@link TransportPolicy}
 * decides: opens carriers, mode after mode, until one is welcomed; watches the one that carries
 * the tunnel with a heartbeat (stalled? time to ping? to acknowledge?); and when it fails, opens
 * another after the policy's delay, until the tunnel ends or nothing gets through within the
 * grace period. The end of the tunnel is decided here too, once, whatever asks for it.
 */
final class TransportSwitch {

    /** The tunnel's messages go to one logger, whichever of its parts writes them. */
    private static final Logger LOG = Logger.getLogger(GatewayTunnel.class.getName());
    private static final long HEARTBEAT_PERIOD_MILLIS = 250;

    private final Options options;
    private final TunnelThreads threads;
    private final TransportPolicy policy;
    private final Outbox outbox;
    private final CarrierOwner owner;
    private final Consumer<Event> events;
    private final AtomicInteger transportsUsed = new AtomicInteger();
    private volatile ScheduledFuture<?> beating;
    private volatile Carrier current;
    private volatile boolean ended;
    private volatile boolean reconnecting;
    private volatile boolean saidGoodbye;
    private volatile long heartbeatNanos = TimeUnit.SECONDS.toNanos(1);
    private volatile long lastHeard = System.nanoTime();
    private volatile long lastPing;
    private volatile long lastAck;

    /** Carriers get {@code owner}; the tunnel's end goes to {@code events} as a {@link Closed}. */
    TransportSwitch(Options options, TunnelThreads threads, TransportPolicy policy, Outbox outbox, CarrierOwner owner,
            Consumer<Event> events) {
        this.options = options;
        this.threads = threads;
        this.policy = policy;
        this.outbox = outbox;
        this.owner = owner;
        this.events = events;
    }

    /** The carrier of the tunnel now, or null between transports. */
    Carrier current() {
        return current;
    }

    int transportsUsed() {
        return transportsUsed.get();
    }

    boolean reconnecting() {
        return reconnecting;
    }

    boolean ended() {
        return ended;
    }

    /** The application said goodbye: the gateway closes the transport after this, and that is the end, not a cut. */
    void goodbyeSent() {
        saidGoodbye = true;
    }

    /** Something came down at {@code now}: the transport is alive. */
    void heard(long now) {
        lastHeard = now;
    }

    /** The gateway's welcome says how often it wants to hear from us. */
    void heartbeatEvery(long nanos) {
        heartbeatNanos = nanos;
    }

    /** Tells the current carrier, if any, that frames wait to go up. */
    void push() {
        Carrier c = current;
        if (c != null) {
            c.push();
        }
    }

    // ---- opening

    private static final long FAST_FAILURE_NANOS = 200_000_000L;
    private static final long FAST_FAILURE_PAUSE_MILLIS = 200;
    private long lastFailure;

    /** Tries transports as the policy says until one is welcomed, or {@code deadline} passes. */
    void open(long deadline) throws IOException {
        open(deadline, Integer.MAX_VALUE);
    }

    /**
     * The same, giving up after {@code maxAttempts} too: a first opening whose every transport
     * was refused outright says so at once, instead of trying again until the deadline. An
     * attempt that failed at once is followed by a short pause, so a gateway that refuses
     * connections is not asked hundreds of times a second. When none got through, an
     * {@link OpenFailed} says why, with the most specific reason any attempt gave; the gateway's
     * own refusal ends the attempts at once as a {@link TunnelRefused}.
     */
    void open(long deadline, int maxAttempts) throws IOException {
        IOException last = null;
        Why why = Why.UNREACHABLE;
        int attempts = 0;
        while (System.nanoTime() < deadline && !ended && attempts++ < maxAttempts) {
            long started = System.nanoTime();
            if (attempts > 1 && last != null && started - lastFailure < FAST_FAILURE_NANOS) {
                try {
                    Thread.sleep(FAST_FAILURE_PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while opening the tunnel");
                }
            }
            Mode mode = policy.modeToTry();
            Carrier c = carrierFor(mode);
            try {
                current = c;
                c.start(hello());
                if (!c.awaitAnswer(options.connectTimeout())) {
                    throw new OpenFailed(Why.TIMED_OUT, mode + " got no welcome in time", null);
                }
                if (c.refused() != null) {
                    throw new TunnelRefused(c.refused(), c.refusedDetail());
                }
                lastHeard = System.nanoTime();
                policy.connected(lastHeard);
                transportsUsed.incrementAndGet();
                if (!policy.keeps(mode)) {
                    // Through a proxy: the gateway wants transaction mode.
                    c.stop(false);
                    continue;
                }
                c.push();
                return;
            } catch (TunnelRefused e) {
                current = null;
                c.stop(false);
                throw e;
            } catch (IOException e) {
                last = e;
                LOG.fine(() -> mode + " did not get through: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                current = null;
                c.stop(true);
                throw new InterruptedIOException("interrupted while opening the tunnel");
            } catch (RuntimeException e) {
                last = new IOException(mode + " failed: " + e, e);
            }
            Why now = OpenFailures.why(last);
            if (now.moreSpecificThan(why)) {
                why = now;
            }
            current = null;
            c.stop(true);
            policy.connectFailed();
            lastFailure = System.nanoTime();
        }
        if (last == null) {
            throw new IOException("the tunnel is closed");
        }
        throw new OpenFailed(why, "no transport got through (last: " + last.getMessage() + ")", last);
    }

    /** What a new transport says first: who we are, which tunnel we resume, how far we have read. */
    private Message.Hello hello() {
        return new Message.Hello(options.role(), options.client(), options.credential(), owner.token(), owner.received());
    }

    private Carrier carrierFor(Mode mode) {
        return switch (mode) {
            case WEBSOCKET -> new WebSocketCarrier(options, threads.http, owner);
            case STREAMING -> new StreamingCarrier(options, threads.http, threads.workers, owner);
            case TRANSACTION -> new TransactionCarrier(options, threads.http, owner);
        };
    }

    // ---- changing

    /** A transport ended or stalled; unless the tunnel is over, carry on over a new one. */
    void failed(Carrier c, boolean stalled, String why) {
        if (saidGoodbye && c == current) {
            end(DisconnectReason.CLOSED, "");
            return;
        }
        synchronized (this) {
            if (c != current || ended || reconnecting) {
                return;
            }
            reconnecting = true;
            current = null;
        }
        LOG.info(() -> c.mode() + " transport " + why + "; carrying on over another");
        c.stop(true);
        long delay = policy.retryDelayMillis(stalled, System.nanoTime());
        threads.timer.schedule(() -> threads.workers.execute(() -> {
            try {
                open(System.nanoTime() + options.grace().toNanos());
            } catch (TunnelRefused e) {
                end(e.reason(), e.detail());
            } catch (IOException e) {
                end(DisconnectReason.LOST, "no transport reached the gateway within the grace period");
            } finally {
                reconnecting = false;
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    /** Cuts the current transport, as a network would. */
    void cut() {
        Carrier c = current;
        if (c != null) {
            c.stop(true);
            failed(c, false, "cut");
        }
    }

    // ---- watching

    /** Starts the heartbeat that watches whichever transport carries the tunnel. */
    void startHeartbeat() {
        beating = threads.timer.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_PERIOD_MILLIS, HEARTBEAT_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        try {
            beat();
        } catch (RuntimeException e) {
            // A failed beat must not stop the timer: the next one tries again.
            LOG.log(Level.WARNING, "Heartbeat failed", e);
        }
    }

    private void beat() {
        Carrier c = current;
        if (c == null || ended || reconnecting || !c.welcomedOk()) {
            return;
        }
        long now = System.nanoTime();
        long quiet = now - lastHeard;
        if (policy.stalled(c.mode(), quiet, now)) {
            failed(c, true, "stalled");
            return;
        }
        boolean pinged = false;
        if (policy.pingDue(c.mode(), quiet, now - lastPing, heartbeatNanos, now)) {
            lastPing = now;
            outbox.control(new Message.Ping(now));
            pinged = true;
        }
        if (TransportPolicy.ackDue(outbox.ackPending(), pinged, now - lastAck)) {
            lastAck = now;
            outbox.acknowledge(c.mode());
        }
        c.push();
    }

    // ---- ending

    /** Ends the tunnel here, letting what is being sent go first (for a little while). */
    void close() {
        Carrier c = current;
        if (c != null && !ended) {
            c.drain(Duration.ofSeconds(2));
        }
        end(DisconnectReason.CLOSED, "");
    }

    /** Ends the tunnel, once: the transport stopped, a {@link Closed} event, the threads released. */
    void end(DisconnectReason reason, String detail) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        Carrier c = current;
        if (c != null) {
            c.stop(false);
        }
        events.accept(new Closed(reason, detail));
        shutdown();
    }

    /** Stops the heartbeat and the tunnel's own threads. */
    void shutdown() {
        ScheduledFuture<?> b = beating;
        if (b != null) {
            b.cancel(false);
        }
        threads.shutdown();
    }
}
