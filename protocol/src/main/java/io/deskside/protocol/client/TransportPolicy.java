package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * When a tunnel changes transports, and how patient it is with one: the decisions alone, apart
 * from the sockets and threads that carry them out ({@link TransportSwitch}), so that a test can
 * drive them with a made-up clock. Every {@code now} is a {@link System#nanoTime()} reading;
 * randomness comes from the generator it is given. Thread-safe.
 *
 * <p>The configured modes are tried in order, wrapping around, unless the gateway has asked for
 * transaction mode (it sees a proxy) and that mode is allowed: then only that one. A transport
 * that stalls soon after it opened is not tried again, the next mode is; one that had carried the
 * session for a while is retried once, with doubled patience, first. A cut is retried on the
 * same mode. Retries are spread at random: within a quarter second at first, later ones within
 * up to two seconds.
 */
final class TransportPolicy {

    /** A transport that has carried the tunnel this long was fine: earlier troubles are behind it. */
    static final long FINE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** At low rates an acknowledgement waits this long, or rides along with a ping: it only frees memory. */
    static final long ACK_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** However slow the network or often stalled the tunnel, a transport quiet this long is stalled. */
    static final long MAX_STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** A pong later than this is not a round trip worth learning from (a clock jump, a frozen laptop). */
    static final long MAX_ROUND_TRIP_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The first retry of a tunnel goes within this time. */
    static final long FIRST_RETRY_MILLIS = 250;
    /** No retry waits longer than this. */
    static final long MAX_RETRY_MILLIS = 2000;

    /**
     * The spread of retries in a real tunnel. ThreadLocalRandom is asked on each use, by the
     * thread that uses it: its instance, kept and used from other threads, would give every
     * process the same spread.
     */
    static final RandomGenerator SPREAD = new RandomGenerator() {
        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }

        @Override
        public long nextLong(long bound) {
            return ThreadLocalRandom.current().nextLong(bound);
        }
    };

    private final List<Mode> modes;
    private final long configuredStallNanos;
    private final RandomGenerator random;
    private int modeIndex;
    private boolean transactionOnly;
    /** Stalls since this tunnel was last fine for a while (see {@link #stallLimit}). */
    private int stalls;
    private int reconnects;
    private long connectedAt;
    private long smoothedRoundTrip;

    /** For the transports {@code modes}, in this order, each given {@code stall} of quiet; {@code now} counts as connected. */
    TransportPolicy(List<Mode> modes, Duration stall, RandomGenerator random, long now) {
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("at least one transport");
        }
        this.modes = List.copyOf(modes);
        this.configuredStallNanos = stall.toNanos();
        this.random = Objects.requireNonNull(random, "random");
        this.connectedAt = now;
    }

    // ---- which transport

    /** The transport to try next. */
    synchronized Mode modeToTry() {
        if (transactionOnly && modes.contains(Mode.TRANSACTION)) {
            return Mode.TRANSACTION;
        }
        return modes.get(modeIndex % modes.size());
    }

    /** The gateway asked for transaction mode (it sees the tunnel come through a proxy). */
    synchronized void gatewayWantsTransactionMode() {
        transactionOnly = true;
    }

    /**
     * Whether a transport of mode {@code welcomed}, just welcomed, may carry the tunnel: not when
     * the welcome asked for transaction mode and that mode is allowed, since a proxy that let the
     * hello through may still hold or cut what follows.
     */
    synchronized boolean keeps(Mode welcomed) {
        return !(transactionOnly && welcomed != Mode.TRANSACTION && modes.contains(Mode.TRANSACTION));
    }

    /** The transport just tried got no welcome: the next one is tried. */
    synchronized void connectFailed() {
        modeIndex++;
    }

    /** A transport got its welcome at {@code now} and carries the tunnel from then on. */
    synchronized void connected(long now) {
        connectedAt = now;
    }

    /** Whether the current transport has carried the tunnel for 30 s: earlier troubles are behind it. */
    synchronized boolean fineForAWhile(long now) {
        return now - connectedAt > FINE_AFTER_NANOS;
    }

    /**
     * The transport carrying the tunnel failed at {@code now} ({@code stalled}: it went quiet;
     * otherwise it was cut or broke): decides which mode comes next ({@link #modeToTry}), and
     * returns how long to wait before trying it.
     */
    synchronized long retryDelayMillis(boolean stalled, long now) {
        boolean wasFine = fineForAWhile(now);
        if (wasFine) {
            reconnects = 0; // it had been fine for a while: this is a new trouble, not the same one
            stalls = 0;
        }
        if (stalled) {
            stalls++;
            // A transport that stalls soon after it opened (or again soon after a retry) is not
            // trusted again on this network: the next one down is tried. One that had carried the
            // session for a while is retried once, with a longer patience: that is what a gateway
            // too busy to answer in time looks like, and moving every client of a busy gateway to
            // the costlier HTTP transports would only make it busier.
            if (!wasFine || stalls > 1) {
                modeIndex++;
            }
        }
        // The first retry goes at once (a cut is recovered within the stall time); when many
        // clients lose a busy gateway together, a random spread keeps them from coming back as
        // one wave, and later retries of the same tunnel wait longer, up to two seconds.
        return reconnects++ == 0 ? random.nextLong(FIRST_RETRY_MILLIS)
                : random.nextLong(Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(reconnects, 4)));
    }

    // ---- how patient with it

    /**
     * A pong came back after {@code nanos}: keep a smoothed round trip (as TCP does, 1/8 gain),
     * so a gateway that is slow but alive (a busy node) is not taken for a dead transport.
     */
    synchronized void roundTrip(long nanos) {
        if (nanos > 0 && nanos < MAX_ROUND_TRIP_NANOS) {
            long s = smoothedRoundTrip;
            smoothedRoundTrip = s == 0 ? nanos : s + (nanos - s) / 8;
        }
    }

    /** Quiet for longer than this, a transport is stalled: see {@link #stallLimit}. */
    synchronized long stallNanos(long now) {
        return stallLimit(configuredStallNanos, smoothedRoundTrip, fineForAWhile(now) ? 0 : stalls);
    }

    /**
     * Whether a transport of {@code mode}, quiet for {@code quietNanos}, has stalled. Transaction
     * mode never has: nothing comes down while its poll is held, so quiet there means nothing,
     * and each of its requests has a time-out of its own that ends the transport when it passes.
     */
    boolean stalled(Mode mode, long quietNanos, long now) {
        return mode != Mode.TRANSACTION && quietNanos > stallNanos(now);
    }

    /**
     * After this much quiet a pushing transport pings: a heartbeat, but no later than half the
     * stall limit. A tunnel that carries anything every second never pings, and a pong still has
     * half the stall limit to come back before the transport counts as stalled.
     */
    long pingAfterNanos(long heartbeatNanos, long now) {
        return Math.min(heartbeatNanos, stallNanos(now) / 2);
    }

    /**
     * Whether a transport of {@code mode}, quiet for {@code quietNanos} and {@code sincePingNanos}
     * after its last ping, pings now. Not in transaction mode, for the reason {@link #stalled} gives.
     */
    boolean pingDue(Mode mode, long quietNanos, long sincePingNanos, long heartbeatNanos, long now) {
        if (mode == Mode.TRANSACTION) {
            return false;
        }
        long after = pingAfterNanos(heartbeatNanos, now);
        return quietNanos > after && sincePingNanos > after;
    }

    /**
     * Whether frames that arrived ({@code pending}) are acknowledged now: with a ping, or a second
     * after the last acknowledgement. At office rates that is one write instead of one per
     * message; many frames are acknowledged at once anyway (see {@link io.deskside.protocol.link.Link}).
     */
    static boolean ackDue(boolean pending, boolean pinged, long sinceAckNanos) {
        return pending && (pinged || sinceAckNanos > ACK_DELAY_NANOS);
    }

    /**
     * How long a pushing transport may be quiet before it counts as stalled: the configured time
     * or four smoothed round trips, whichever is longer, at most ten seconds; doubled for each
     * stall this tunnel has had lately (up to ten seconds). A gateway too busy to answer in time
     * looks stalled to all its clients at once, and every client that moves to another transport
     * adds to its load: the doubling keeps one slow spell from turning into waves of reconnections.
     */
    static long stallLimit(long configured, long smoothedRoundTrip, int recentStalls) {
        long cap = MAX_STALL_NANOS;
        long floor = Math.min(configured << Math.min(recentStalls, 8), Math.max(configured, cap));
        return Math.max(floor, Math.min(4 * smoothedRoundTrip, cap));
    }
}
