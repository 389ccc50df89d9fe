package io.deskside.protocol.client;

import io.deskside.protocol.link.Link;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.FrameType;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A Host's or Guest's tunnel to the gateway, over whichever transport gets through: WebSocket,
 * then HTTP streaming, then HTTP transaction mode, unless told which. Messages go out with
 * {@link #send} and come in as {@link Event}s. Every frame but the transport's own is counted
 * and kept until the gateway acknowledges it ({@link Link}), so when a transport is cut or
 * stalls (nothing heard for the stall time, though pings were sent), the tunnel carries on over
 * a new one, the same or the next mode, and nothing is lost or doubled. It gives up, with a
 * {@link Closed} event, when no transport gets through within the grace period. Through an
 * HTTP proxy (system, explicit, with Basic authentication) the gateway asks for transaction
 * mode, and the tunnel moves there.
 */
public final class GatewayTunnel implements AutoCloseable {

    /** The transports, in the order they are tried. */
    public enum Mode {
        WEBSOCKET, STREAMING, TRANSACTION
    }

    /** What arrives: a message, or the end of the tunnel. */
    public sealed interface Event permits Received, Closed {
    }

    public record Received(Message message) implements Event {
    }

    /**
     * The tunnel ended: after the gateway's goodbye (its reason and words), on {@link #close}
     * ({@code closed}), or when no transport got through in time ({@code lost}).
     */
    public record Closed(DisconnectReason reason, String detail) implements Event {
    }

    /** How to reach the gateway. */
    public record Options(URI endpoint, Message.Role role, String client, String credential, Map<String, String> headers,
            List<Mode> modes, ProxySelector proxy, PasswordAuthentication proxyLogin, Duration connectTimeout, Duration stall,
            Duration grace, Duration longPoll) {

        public Options {
            credential = credential == null ? "" : credential;
            modes = List.copyOf(modes);
            headers = Map.copyOf(headers);
            if (modes.isEmpty()) {
                throw new IllegalArgumentException("at least one transport");
            }
        }

        /** Every transport, no proxy but the system's, the gateway's usual timings. */
        public static Options of(URI endpoint, Message.Role role, String client) {
            return new Options(endpoint, role, client, "", Map.of(), List.of(Mode.values()), ProxySelector.getDefault(), null,
                    Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(20));
        }

        /** The gateway credential a Host presents in its hello (from its download). */
        public Options credential(String c) {
            return new Options(endpoint, role, client, c, headers, modes, proxy, proxyLogin, connectTimeout, stall, grace, longPoll);
        }

        @Override
        public String toString() {
            return "Options[" + endpoint + ", " + role + ", " + modes + (credential.isEmpty() ? "" : ", with a credential") + "]";
        }

        public Options headers(Map<String, String> h) {
            return new Options(endpoint, role, client, credential, h, modes, proxy, proxyLogin, connectTimeout, stall, grace, longPoll);
        }

        /** Only these transports, in this order. */
        public Options modes(Mode... m) {
            return new Options(endpoint, role, client, credential, headers, List.of(m), proxy, proxyLogin, connectTimeout, stall, grace, longPoll);
        }

        /** Through this HTTP proxy; {@code login} may be null. */
        public Options proxy(String host, int port, PasswordAuthentication login) {
            return new Options(endpoint, role, client, credential, headers, modes, ProxySelector.of(new InetSocketAddress(host, port)), login,
                    connectTimeout, stall, grace, longPoll);
        }

        /** Straight to the gateway, whatever the system's proxy settings say. */
        public Options direct() {
            return new Options(endpoint, role, client, credential, headers, modes, HttpClient.Builder.NO_PROXY, null, connectTimeout, stall,
                    grace, longPoll);
        }
    }

    private static final Logger LOG = Logger.getLogger(GatewayTunnel.class.getName());
    private static final int MAX_POST_BYTES = 1 << 20;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Options options;
    private final HttpClient http;
    private final Link link = new Link();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ArrayDeque<byte[]> controls = new ArrayDeque<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final boolean ownsThreads;
    private final java.util.function.Consumer<Event> listener;
    private java.util.concurrent.ScheduledFuture<?> beating;
    private final Object inbound = new Object();
    private volatile String token = "";
    private volatile long heartbeatNanos = TimeUnit.SECONDS.toNanos(1);
    private volatile long lastHeard = System.nanoTime();
    private volatile long lastPing;
    private volatile long lastAck;
    /** At low rates an acknowledgement waits this long, or rides along with a ping: it only frees memory. */
    static final long ACK_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private volatile long smoothedRoundTrip;
    private int reconnects;
    /** Stalls since this tunnel was last fine for a while (see {@link #stallLimit}). */
    private volatile int stalls;
    private volatile long connectedAt = System.nanoTime();
    private volatile Carrier current;
    private volatile boolean transactionOnly;
    private volatile boolean ended;
    private volatile boolean reconnecting;
    private volatile boolean saidGoodbye;
    private int modeIndex;
    private final AtomicInteger transportsUsed = new AtomicInteger();

    /**
     * Threads and a connection pool that many tunnels of one process may share (a load generator,
     * a gateway-to-gateway link); a Host or Guest with one tunnel needs none of this.
     */
    public record Shared(HttpClient http, ScheduledExecutorService timer, ExecutorService workers) {

        /** For direct connections: one HTTP client, one timer thread, a pool of workers. */
        public static Shared direct(Duration connectTimeout) {
            return new Shared(HttpClient.newBuilder().connectTimeout(connectTimeout).proxy(HttpClient.Builder.NO_PROXY)
                    .version(HttpClient.Version.HTTP_1_1).build(),
                    Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "deskside-heartbeat-")),
                    Executors.newCachedThreadPool(r -> daemon(r, "deskside-tunnel-")));
        }
    }

    private GatewayTunnel(Options options, Shared shared, java.util.function.Consumer<Event> listener) {
        this.options = options;
        this.listener = listener;
        this.ownsThreads = shared == null;
        if (shared != null) {
            this.http = shared.http();
            this.timer = shared.timer();
            this.workers = shared.workers();
            return;
        }
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "deskside-tunnel-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "deskside-heartbeat-"));
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).proxy(options.proxy())
                .version(HttpClient.Version.HTTP_1_1);
        if (options.proxyLogin() != null) {
            PasswordAuthentication login = options.proxyLogin();
            b.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() == RequestorType.PROXY ? login : null;
                }
            });
        }
        this.http = b.build();
    }

    private static Thread daemon(Runnable r, String prefix) {
        Thread t = new Thread(r, prefix + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /** Opens a new tunnel: the first transport that gets a welcome from the gateway carries it. */
    public static GatewayTunnel open(Options options) throws IOException {
        return open(options, null, null);
    }

    /**
     * Opens a new tunnel on shared threads ({@code shared} may be null), handing each event to
     * {@code listener} on the transport's thread instead of queueing it for {@link #next}
     * ({@code listener} may be null). A listener must not block.
     */
    public static GatewayTunnel open(Options options, Shared shared, java.util.function.Consumer<Event> listener) throws IOException {
        GatewayTunnel t = new GatewayTunnel(options, shared, listener);
        try {
            t.connect(System.nanoTime() + options.connectTimeout().multipliedBy(options.modes().size() * 2L).toNanos());
        } catch (IOException | RuntimeException e) {
            t.shutdown();
            throw e;
        }
        t.beating = t.timer.scheduleWithFixedDelay(t::heartbeat, 250, 250, TimeUnit.MILLISECONDS);
        return t;
    }

    private void deliver(Event e) {
        java.util.function.Consumer<Event> l = listener;
        if (l == null) {
            events.add(e);
            return;
        }
        try {
            l.accept(e);
        } catch (RuntimeException failure) {
            LOG.log(java.util.logging.Level.WARNING, "A tunnel listener failed", failure);
        }
    }

    // ---- what the application sees

    /** Sends a message; messages go out in order, and survive a change of transport. */
    public void send(Message m) {
        if (m instanceof Message.Disconnect) {
            saidGoodbye = true; // the gateway closes the transport after this: that is the end, not a cut
        }
        Frame f = m.toFrame();
        byte[] frame = f.encode();
        if (Link.sequenced(f.type())) {
            if (!link.keep(frame)) {
                LOG.warning("The gateway stopped acknowledging; closing the tunnel");
                end(DisconnectReason.TOO_FAR_BEHIND, "the application stopped reading the tunnel");
                return;
            }
        } else {
            synchronized (controls) {
                controls.add(frame);
            }
        }
        Carrier c = current;
        if (c != null) {
            c.push();
        }
    }

    /** The next event, or null if none comes in time. */
    public Event next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message of the given type, skipping others; null on the tunnel's end or time-out. */
    public <M extends Message> M await(Class<M> type, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Event e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e instanceof Received r && type.isInstance(r.message())) {
                return type.cast(r.message());
            }
            if (e instanceof Closed) {
                events.add(e);
                return null;
            }
        }
        return null;
    }

    /** The transport carrying the tunnel now. */
    public Mode mode() {
        Carrier c = current;
        return c == null ? null : c.mode;
    }

    /** How many transports have carried this tunnel so far (1 until the first change). */
    public int transports() {
        return transportsUsed.get();
    }

    @Override
    public String toString() {
        Carrier c = current;
        return "GatewayTunnel[" + options.role() + ", " + (c == null ? "no transport" : c.mode + (c.welcomedOk() ? "" : " opening"))
                + ", sent " + link.sent() + ", received " + link.received() + ", unacknowledged " + link.unackedBytes()
                + " bytes, " + transportsUsed.get() + " transports" + (reconnecting ? ", reconnecting" : "") + (ended ? ", ended" : "") + "]";
    }

    /** Cuts the current transport, as a network would: the tunnel carries on over a new one. */
    public void cut() {
        Carrier c = current;
        if (c != null) {
            c.stop(true);
            failed(c, false, "cut");
        }
    }

    /** Ends the tunnel here. Say goodbye first ({@code DISCONNECT}) to end the session too. */
    @Override
    public void close() {
        Carrier c = current;
        if (c != null && !ended) {
            c.drain(Duration.ofSeconds(2));
        }
        end(DisconnectReason.CLOSED, "");
    }

    // ---- choosing and changing transports

    private void connect(long deadline) throws IOException {
        IOException last = null;
        List<Mode> modes = options.modes();
        while (System.nanoTime() < deadline && !ended) {
            Mode mode = modes.get(modeIndex % modes.size());
            if (transactionOnly && modes.contains(Mode.TRANSACTION)) {
                mode = Mode.TRANSACTION;
            }
            Carrier c = mode == Mode.WEBSOCKET ? new WebSocketCarrier() : new HttpCarrier(mode == Mode.STREAMING);
            try {
                current = c;
                c.start(new Message.Hello(options.role(), options.client(), options.credential(), token, link.received()));
                if (!c.welcomed.await(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException(mode + " got no welcome in time");
                }
                if (c.refused != null) {
                    throw new TunnelRefused(c.refused, c.refusedDetail);
                }
                lastHeard = System.nanoTime();
                connectedAt = lastHeard;
                transportsUsed.incrementAndGet();
                if (transactionOnly && mode != Mode.TRANSACTION && modes.contains(Mode.TRANSACTION)) {
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
                Mode tried = mode;
                LOG.fine(() -> tried + " did not get through: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = new IOException("interrupted");
                break;
            } catch (RuntimeException e) {
                last = new IOException(mode + " failed: " + e, e);
            }
            current = null;
            c.stop(true);
            modeIndex++;
        }
        throw last != null ? last : new IOException("the tunnel is closed");
    }

    /**
     * The gateway said no (a Host without a valid credential, an unknown tunnel, a refused
     * request): nothing to retry. {@link #reason()} is the DISCONNECT's reason
     * ({@code unauthenticated}, {@code unknown_tunnel}, ...), {@link #detail()} its words for the user.
     */
    public static final class TunnelRefused extends IOException {
        private static final long serialVersionUID = 1L;
        private final DisconnectReason reason;
        private final String detail;

        TunnelRefused(DisconnectReason reason, String detail) {
            super(detail == null || detail.isEmpty() ? reason.code() : reason.code() + ": " + detail);
            this.reason = reason;
            this.detail = detail == null ? "" : detail;
        }

        public DisconnectReason reason() {
            return reason;
        }

        public String detail() {
            return detail;
        }
    }

    /** A transport ended or stalled; unless the tunnel is over, carry on over a new one. */
    private void failed(Carrier c, boolean stalled, String why) {
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
        LOG.info(() -> c.mode + " transport " + why + "; carrying on over another");
        c.stop(true);
        // The first retry goes at once (a cut is recovered within the stall time); when many
        // clients lose a busy gateway together, a random spread keeps them from coming back as
        // one wave, and later retries of the same tunnel wait longer, up to two seconds.
        boolean wasFine = fineForAWhile();
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
        long delay = reconnects++ == 0 ? ThreadLocalRandom.current().nextLong(250)
                : ThreadLocalRandom.current().nextLong(Math.min(2000, 250L << Math.min(reconnects, 4)));
        timer.schedule(() -> workers.execute(() -> {
            try {
                connect(System.nanoTime() + options.grace().toNanos());
            } catch (TunnelRefused e) {
                end(e.reason(), e.detail());
            } catch (IOException e) {
                end(DisconnectReason.LOST, "no transport reached the gateway within the grace period");
            } finally {
                reconnecting = false;
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    private void end(DisconnectReason reason, String detail) {
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
        deliver(new Closed(reason, detail));
        shutdown();
    }

    private void shutdown() {
        if (beating != null) {
            beating.cancel(false);
        }
        if (!ownsThreads) {
            return;
        }
        timer.shutdownNow();
        workers.shutdown();
    }

    /**
     * A pong came back after {@code nanos}: keep a smoothed round trip (as TCP does, 1/8 gain),
     * so a gateway that is slow but alive (a busy node) is not taken for a dead transport.
     */
    private void roundTrip(long nanos) {
        if (nanos > 0 && nanos < TimeUnit.SECONDS.toNanos(60)) {
            long s = smoothedRoundTrip;
            smoothedRoundTrip = s == 0 ? nanos : s + (nanos - s) / 8;
        }
    }

    /** Quiet for longer than this, a transport is stalled: the configured limit, or four round trips if longer (at most 10 s). */
    private long stallNanos() {
        return stallLimit(options.stall().toNanos(), smoothedRoundTrip, fineForAWhile() ? 0 : stalls);
    }

    /** Whether the current transport has carried the tunnel for 30 s: earlier troubles are behind it. */
    private boolean fineForAWhile() {
        return System.nanoTime() - connectedAt > TimeUnit.SECONDS.toNanos(30);
    }

    /**
     * How long a pushing transport may be quiet before it counts as stalled: the configured time
     * or four smoothed round trips, whichever is longer, at most ten seconds; doubled for each
     * stall this tunnel has had lately (up to ten seconds). A gateway too busy to answer in time
     * looks stalled to all its clients at once, and every client that moves to another transport
     * adds to its load: the doubling keeps one slow spell from turning into waves of reconnections.
     */
    static long stallLimit(long configured, long smoothedRoundTrip, int recentStalls) {
        long cap = TimeUnit.SECONDS.toNanos(10);
        long floor = Math.min(configured << Math.min(recentStalls, 8), Math.max(configured, cap));
        return Math.max(floor, Math.min(4 * smoothedRoundTrip, cap));
    }

    private void heartbeat() {
        try {
            beat();
        } catch (RuntimeException e) {
            // A failed beat must not stop the timer: the next one tries again.
            LOG.log(java.util.logging.Level.WARNING, "Heartbeat failed", e);
        }
    }

    private void beat() {
        Carrier c = current;
        if (c == null || ended || reconnecting || !c.welcomedOk()) {
            return;
        }
        long now = System.nanoTime();
        long quiet = now - lastHeard;
        boolean pinged = false;
        if (c.mode != Mode.TRANSACTION) {
            if (quiet > stallNanos()) {
                failed(c, true, "stalled");
                return;
            }
            // Ping after a heartbeat of quiet (at most half the stall limit): a tunnel that carries
            // anything every second never pings, and a pong still has half the stall limit to
            // come back before the transport counts as stalled.
            long pingAfter = Math.min(heartbeatNanos, stallNanos() / 2);
            if (quiet > pingAfter && now - lastPing > pingAfter) {
                lastPing = now;
                synchronized (controls) {
                    controls.add(new Message.Ping(now).toFrame().encode());
                }
                pinged = true;
            }
        }
        // Frames that arrived are acknowledged at once when many did (see Link), else with the next
        // ping or after a second: at office rates that is one write instead of one per message.
        if (link.ackPending() && (pinged || now - lastAck > ACK_DELAY_NANOS)) {
            lastAck = now;
            acknowledge(c);
        }
        c.push();
    }

    /**
     * Acknowledges what arrived. In transaction mode every request says it in its
     * {@code Deskside-Received} header, and the poll that follows each answer carries it, so no
     * frame (and no request of its own) is spent on it.
     */
    private void acknowledge(Carrier c) {
        long count = link.acknowledge();
        if (c.mode != Mode.TRANSACTION) {
            synchronized (controls) {
                controls.add(new Message.Ack(count).toFrame().encode());
            }
        }
    }

    // ---- what arrives

    /**
     * Frames that arrived on carrier {@code c}, the first sequenced one numbered {@code seq};
     * returns the number after the last. Frames this side has already had are skipped.
     */
    private long arrived(Carrier c, List<Frame> frames, long seq) {
        synchronized (inbound) {
            if (c != current && !(c.welcomed.getCount() > 0)) {
                return seq;
            }
            for (Frame f : frames) {
                lastHeard = System.nanoTime();
                Message m;
                try {
                    m = Message.decode(f);
                } catch (ProtocolException e) {
                    LOG.warning(() -> "The gateway sent a malformed frame: " + e.getMessage());
                    c.stop(true);
                    failed(c, false, "broke the protocol");
                    return seq;
                }
                if (m instanceof Message.Welcome w) {
                    welcome(c, w);
                    continue;
                }
                if (m instanceof Message.Ack a) {
                    acked(c, a.received());
                    continue;
                }
                if (m instanceof Message.Ping p) {
                    synchronized (controls) {
                        controls.add(new Message.Pong(p.nonce()).toFrame().encode());
                    }
                    c.push();
                    continue;
                }
                if (m instanceof Message.Pong p) {
                    roundTrip(System.nanoTime() - p.nonce());
                    continue;
                }
                if (c.welcomed.getCount() > 0) {
                    // Before any welcome, the gateway only says why it will not have us.
                    c.refused = m instanceof Message.Disconnect d ? d.reason() : DisconnectReason.REFUSED;
                    c.refusedDetail = m instanceof Message.Disconnect d ? d.detail() : "";
                    deliver(new Received(m));
                    c.welcomed.countDown();
                    return seq;
                }
                long mine = seq++;
                long have = link.received();
                if (mine < have) {
                    continue; // sent again after a change of transport; already delivered
                }
                if (mine > have) {
                    LOG.warning(() -> "Frame " + mine + " arrived before frame " + have);
                    failed(c, false, "skipped frames");
                    return seq;
                }
                boolean due = link.arrived(f.encodedLength());
                deliver(new Received(m));
                if (m instanceof Message.Disconnect d) {
                    end(d.reason(), d.detail());
                    return seq;
                }
                if (due) {
                    acknowledge(c);
                    c.push();
                }
            }
            return seq;
        }
    }

    private void welcome(Carrier c, Message.Welcome w) {
        if (!w.resume().isEmpty()) {
            token = w.resume();
        }
        heartbeatNanos = TimeUnit.SECONDS.toNanos(Math.max(1, w.heartbeatSeconds()));
        transactionOnly |= w.transactionOnly();
        try {
            link.acked(w.received());
        } catch (ProtocolException e) {
            c.refused = DisconnectReason.PROTOCOL_ERROR;
            c.refusedDetail = "the gateway counts more frames than were sent";
        }
        c.upFrom(w.received());
        c.welcomed.countDown();
    }

    private void acked(Carrier c, long count) {
        try {
            link.acked(count);
        } catch (ProtocolException e) {
            LOG.warning(() -> "The gateway acknowledged frames never sent: " + e.getMessage());
            failed(c, false, "broke the protocol");
        }
    }

    /** What waits to go up: the transport's own frames, then sequenced ones from {@code from} on. */
    private byte[] pending(long from, long[] count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        synchronized (controls) {
            byte[] c;
            while ((c = controls.poll()) != null) {
                out.writeBytes(c);
            }
        }
        count[0] = 0;
        try {
            for (byte[] f : link.from(from, MAX_POST_BYTES)) {
                out.writeBytes(f);
                count[0]++;
            }
        } catch (ProtocolException e) {
            // The gateway acknowledged past this transport's position: nothing of it is needed.
        }
        return out.toByteArray();
    }

    private static List<Frame> decode(byte[] bytes) throws ProtocolException {
        FrameDecoder d = new FrameDecoder();
        List<Frame> frames = d.feed(bytes);
        d.finish();
        return frames;
    }

    // ---- transports

    private abstract class Carrier {
        final Mode mode;
        final CountDownLatch welcomed = new CountDownLatch(1);
        volatile DisconnectReason refused;
        volatile String refusedDetail = "";

        Carrier(Mode mode) {
            this.mode = mode;
        }

        boolean welcomedOk() {
            return welcomed.getCount() == 0 && refused == null;
        }

        /** Connects and says hello; frames arrive through {@link GatewayTunnel#arrived}. */
        abstract void start(Message.Hello hello) throws IOException;

        /** The gateway has our frames up to {@code count}: go on from there. */
        abstract void upFrom(long count);

        /** Frames wait to go up. */
        abstract void push();

        /** Waits a little for what is being sent to go. */
        void drain(Duration wait) {
        }

        abstract void stop(boolean abort);
    }

    private final class WebSocketCarrier extends Carrier implements WebSocket.Listener {
        private final FrameDecoder decoder = new FrameDecoder();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private WebSocket socket;
        private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
        private long up = -1;
        private long down;
        private volatile boolean stopped;

        WebSocketCarrier() {
            super(Mode.WEBSOCKET);
        }

        @Override
        void start(Message.Hello hello) throws IOException {
            down = hello.received();
            URI uri = URI.create(options.endpoint().toString().replaceFirst("^http", "ws"));
            WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(options.connectTimeout());
            options.headers().forEach(b::header);
            try {
                socket = b.buildAsync(uri, this).get(options.connectTimeout().toMillis() + 500, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IOException("WebSocket: " + (e.getCause() != null ? e.getCause() : e), e);
            }
            write(hello.toFrame().encode());
        }

        @Override
        synchronized void upFrom(long count) {
            // A welcome may come after acknowledgements that went further: never go back past them.
            up = Math.max(count, link.firstKept());
        }

        @Override
        void push() {
            byte[] out;
            synchronized (this) {
                if (up < 0 || stopped) {
                    return;
                }
                long[] n = new long[1];
                up = Math.max(up, link.firstKept());
                out = pending(up, n);
                up += n[0];
            }
            if (out.length > 0) {
                write(out);
            }
        }

        private synchronized void write(byte[] bytes) {
            WebSocket s = socket;
            lastSend = lastSend.thenCompose(x -> s.sendBinary(ByteBuffer.wrap(bytes), true)).exceptionally(e -> {
                failed(this, false, "could not send: " + e);
                return null;
            });
        }

        @Override
        void drain(Duration wait) {
            try {
                lastSend.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // gone or slow: close anyway
            }
        }

        @Override
        void stop(boolean abort) {
            stopped = true;
            WebSocket s = socket;
            if (s != null) {
                if (abort) {
                    s.abort();
                } else {
                    s.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
                }
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (partial.size() + data.remaining() > Frame.MAX_PAYLOAD_BYTES + Frame.HEADER_BYTES * 64) {
                webSocket.abort();
                failed(this, false, "sent a message too large");
                return null;
            }
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                try {
                    List<Frame> frames = decoder.feed(partial.toByteArray());
                    long next = arrived(this, frames, down);
                    synchronized (this) {
                        down = next;
                    }
                } catch (ProtocolException e) {
                    webSocket.abort();
                    failed(this, false, "broke the protocol: " + e.getMessage());
                }
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            welcomed.countDown();
            failed(this, false, "closed (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            welcomed.countDown();
            failed(this, false, "broke: " + error);
        }
    }

    /** Streaming (a long GET down, POSTs up) or transaction mode (POSTs both ways, long-polled). */
    private final class HttpCarrier extends Carrier {
        private final boolean streaming;
        private long up = -1;
        private boolean dataInFlight;
        private boolean pollInFlight;
        private volatile boolean stopped;
        private volatile InputStream stream;

        HttpCarrier(boolean streaming) {
            super(streaming ? Mode.STREAMING : Mode.TRANSACTION);
            this.streaming = streaming;
        }

        /** A request on this tunnel, naming it by its token. */
        private HttpRequest.Builder request(Duration timeout) {
            return bare(timeout).header(HttpTunnelContract.TOKEN, token);
        }

        /** A request that names no tunnel yet: the hello, which names it in its body when resuming. */
        private HttpRequest.Builder bare(Duration timeout) {
            HttpRequest.Builder b = HttpRequest.newBuilder(options.endpoint()).timeout(timeout)
                    .header("Content-Type", HttpTunnelContract.MEDIA_TYPE);
            options.headers().forEach(b::header);
            return b;
        }

        @Override
        void start(Message.Hello hello) throws IOException {
            HttpResponse<byte[]> r;
            try {
                r = http.send(bare(options.connectTimeout()).POST(HttpRequest.BodyPublishers.ofByteArray(hello.toFrame().encode()))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (r.statusCode() != HttpTunnelContract.FRAMES) {
                throw new IOException(mode + ": the gateway answered " + r.statusCode());
            }
            deliver(r);
            if (welcomed.getCount() > 0 || refused != null) {
                return;
            }
            if (streaming) {
                openStream();
            } else {
                push();
            }
        }

        private void openStream() throws IOException {
            HttpResponse<InputStream> r;
            try {
                r = http.send(request(options.connectTimeout()).header(HttpTunnelContract.RECEIVED, Long.toString(link.received())).GET()
                        .timeout(Duration.ofDays(1)).build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (r.statusCode() != HttpTunnelContract.FRAMES) {
                r.body().close();
                throw new IOException("streaming: the gateway answered " + r.statusCode());
            }
            stream = r.body();
            long first = header(r, HttpTunnelContract.SEQ);
            workers.execute(() -> read(r.body(), first));
        }

        private void read(InputStream in, long first) {
            FrameDecoder decoder = new FrameDecoder();
            byte[] buffer = new byte[64 * 1024];
            long seq = first;
            try (in) {
                int n;
                while (!stopped && (n = in.read(buffer)) > 0) {
                    seq = arrived(this, decoder.feed(ByteBuffer.wrap(buffer, 0, n)), seq);
                }
                if (!stopped) {
                    failed(this, false, "ended");
                }
            } catch (IOException | ProtocolException e) {
                if (!stopped) {
                    failed(this, false, "broke: " + e.getMessage());
                }
            }
        }

        @Override
        synchronized void upFrom(long count) {
            // A welcome may come after acknowledgements that went further: never go back past them.
            up = Math.max(count, link.firstKept());
        }

        @Override
        void push() {
            HttpRequest request;
            boolean carriesData;
            boolean poll;
            synchronized (this) {
                if (stopped || up < 0) {
                    return;
                }
                long[] n = new long[1];
                byte[] body = new byte[0];
                long first = Math.max(up, link.firstKept());
                if (!dataInFlight) {
                    // One sending request at a time, so the gateway sees frames in order.
                    up = first;
                    body = pending(up, n);
                }
                if (body.length > 0) {
                    poll = false; // frames up: answered at once, whatever the mode
                } else if (!streaming && !pollInFlight) {
                    poll = true; // transaction mode keeps one request waiting for what comes down
                } else {
                    return;
                }
                carriesData = n[0] > 0;
                long wait = poll ? options.longPoll().toMillis() : 0;
                request = request(Duration.ofMillis(wait).plus(options.stall()).plusSeconds(poll ? 0 : 5))
                        .header(HttpTunnelContract.SEQ, Long.toString(up)).header(HttpTunnelContract.RECEIVED, Long.toString(link.received()))
                        .header(HttpTunnelContract.WAIT, Long.toString(wait)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                if (poll) {
                    pollInFlight = true;
                } else {
                    dataInFlight = true;
                    up += n[0];
                }
            }
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, error) -> {
                synchronized (this) {
                    if (poll) {
                        pollInFlight = false;
                    } else {
                        dataInFlight = false;
                    }
                }
                if (stopped) {
                    return;
                }
                if (error != null) {
                    failed(this, false, "request failed: " + error);
                    return;
                }
                if (r.statusCode() == HttpTunnelContract.HOLE && carriesData) {
                    synchronized (this) {
                        up = header(r, HttpTunnelContract.RECEIVED); // a hole: send again from what the gateway has
                    }
                } else if (r.statusCode() != HttpTunnelContract.FRAMES) {
                    failed(this, false, "the gateway answered " + r.statusCode());
                    return;
                } else {
                    deliver(r);
                }
                push();
            });
        }

        private void deliver(HttpResponse<byte[]> r) {
            acked(this, Math.max(0, header(r, HttpTunnelContract.RECEIVED)));
            try {
                arrived(this, decode(r.body()), header(r, HttpTunnelContract.SEQ));
            } catch (ProtocolException e) {
                failed(this, false, "broke the protocol: " + e.getMessage());
            }
        }

        private long header(HttpResponse<?> r, String name) {
            try {
                return Long.parseLong(r.headers().firstValue(name).orElse("-1"));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        void drain(Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (this) {
                    if (!dataInFlight && link.sent() <= up) {
                        return;
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        void stop(boolean abort) {
            stopped = true;
            InputStream s = stream;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // gone already
                }
            }
        }
    }
}
