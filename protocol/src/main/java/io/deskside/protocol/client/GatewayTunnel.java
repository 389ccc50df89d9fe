package io.deskside.protocol.client;

import io.deskside.protocol.link.Link;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

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
 *
 * <p>This class is the tunnel's face, and reads what comes down. Behind it, {@link TransportPolicy}
 * decides which transport to try and how patient to be with it; {@link TransportSwitch} does it
 * (opening, heartbeat, reconnecting, the end); {@link Outbox} holds what waits to go up; each
 * transport is a {@link Carrier} ({@link WebSocketCarrier}, {@link StreamingCarrier},
 * {@link TransactionCarrier}); {@link TunnelThreads} are what it all runs on.
 *
 * <p>What is sent waits in one queue, in order, until a transport writes it. A sender that must not
 * put much in front of what comes later ({@link SealedStreams}) watches {@link #unsentBytes} and is
 * told {@link #whenWritten}.
 */
public final class GatewayTunnel implements AutoCloseable, SealedStreams.Tunnel {

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

    /**
     * How to reach the gateway. {@code tls} decides which server certificates are trusted (a Host
     * pins its help desk's certificate); null means the JDK's default trust store and hostname
     * check. It applies to the tunnel's own HTTP client, not to a {@link Shared} one.
     */
    public record Options(URI endpoint, Message.Role role, String client, String credential, Map<String, String> headers,
            List<Mode> modes, ProxySelector proxy, PasswordAuthentication proxyLogin, Duration connectTimeout, Duration stall,
            Duration grace, Duration longPoll, SSLContext tls) {

        public Options {
            // One address serves every transport: a ws(s) endpoint is its http(s) twin for the
            // HTTP transports, and the WebSocket carrier turns it back.
            if (endpoint != null && endpoint.getScheme() != null && endpoint.getScheme().toLowerCase(java.util.Locale.ROOT).startsWith("ws")) {
                endpoint = URI.create("http" + endpoint.toString().substring(2));
            }
            credential = credential == null ? "" : credential;
            modes = List.copyOf(modes);
            headers = Map.copyOf(headers);
            if (modes.isEmpty()) {
                throw new IllegalArgumentException("at least one transport");
            }
        }

        /** Every transport, no proxy but the system's, the gateway's usual timings, the JDK's trust. */
        public static Options of(URI endpoint, Message.Role role, String client) {
            return new Options(endpoint, role, client, "", Map.of(), List.of(Mode.values()), ProxySelector.getDefault(), null,
                    Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(20), null);
        }

        /** The gateway credential a Host presents in its hello (from its download). */
        public Options credential(String c) {
            return new Options(endpoint, role, client, c, headers, modes, proxy, proxyLogin, connectTimeout, stall, grace, longPoll, tls);
        }

        @Override
        public String toString() {
            return "Options[" + endpoint + ", " + role + ", " + modes + (credential.isEmpty() ? "" : ", with a credential") + "]";
        }

        public Options headers(Map<String, String> h) {
            return new Options(endpoint, role, client, credential, h, modes, proxy, proxyLogin, connectTimeout, stall, grace, longPoll, tls);
        }

        /** Only these transports, in this order. */
        public Options modes(Mode... m) {
            return new Options(endpoint, role, client, credential, headers, List.of(m), proxy, proxyLogin, connectTimeout, stall, grace, longPoll,
                    tls);
        }

        /** Through this HTTP proxy; {@code login} may be null. */
        public Options proxy(String host, int port, PasswordAuthentication login) {
            return new Options(endpoint, role, client, credential, headers, modes, ProxySelector.of(new InetSocketAddress(host, port)), login,
                    connectTimeout, stall, grace, longPoll, tls);
        }

        /** Straight to the gateway, whatever the system's proxy settings say. */
        public Options direct() {
            return new Options(endpoint, role, client, credential, headers, modes, HttpClient.Builder.NO_PROXY, null, connectTimeout, stall,
                    grace, longPoll, tls);
        }

        /**
         * Trusts the gateway's certificate as {@code context} decides (a Host's pinned context),
         * for every transport, WebSocket included; null goes back to the JDK's default.
         */
        public Options tls(SSLContext context) {
            return new Options(endpoint, role, client, credential, headers, modes, proxy, proxyLogin, connectTimeout, stall, grace, longPoll,
                    context);
        }
    }

    /**
     * Threads and a connection pool that many tunnels of one process may share (a load generator,
     * a gateway-to-gateway link); a Host or Guest with one tunnel needs none of this.
     */
    public record Shared(HttpClient http, ScheduledExecutorService timer, ExecutorService workers) {

        /** For direct connections: one HTTP client, one timer thread, a pool of workers. */
        public static Shared direct(Duration connectTimeout) {
            return new Shared(HttpClient.newBuilder().connectTimeout(connectTimeout).proxy(HttpClient.Builder.NO_PROXY)
                    .version(HttpClient.Version.HTTP_1_1).build(), TunnelThreads.newTimer(), TunnelThreads.newWorkers());
        }
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

    /**
     * No transport got through to the gateway, and {@link #why()} says what stood in the way, in
     * terms an end user can act on: nothing answered, nothing answered in time, a proxy that wants
     * a login, a proxy that refuses, a server whose certificate is not the one trusted.
     *
     * <p>Each transport tried may fail for a reason of its own (a proxy may let HTTP through but
     * answer a WebSocket's {@code CONNECT} with 407). The reason reported is the most specific one
     * any of them gave, the one a person can do most about: {@code PROXY_AUTH} (they can sign in),
     * then {@code TLS_UNTRUSTED} (they must stop: the connection may be intercepted), then
     * {@code PROXY_REFUSED} (their IT department can open the way), then {@code TIMED_OUT}, then
     * {@code UNREACHABLE}. The gateway's own refusal is not this but {@link TunnelRefused}.
     */
    public static final class OpenFailed extends IOException {
        private static final long serialVersionUID = 1L;

        /** What stood in the way, from the least specific to the most. */
        public enum Why {
            /** Nothing answered: the address is wrong, the network is down, a firewall drops it; or the proxy could not reach the gateway. */
            UNREACHABLE,
            /** Something accepted the connection but said nothing in time. */
            TIMED_OUT,
            /** A proxy refused to carry the connection (403 or another refusal of a {@code CONNECT}). */
            PROXY_REFUSED,
            /** The server's certificate is not one this side trusts (a Host pins its help desk's). */
            TLS_UNTRUSTED,
            /** A proxy wants a login (407), or did not accept the one given. */
            PROXY_AUTH;

            /** Whether this is the more useful reason to tell an end user than {@code other} (see {@link OpenFailed}). */
            public boolean moreSpecificThan(Why other) {
                return compareTo(other) > 0;
            }
        }

        private final Why why;

        public OpenFailed(Why why, String message, Throwable cause) {
            super(why + ": " + message, cause);
            this.why = Objects.requireNonNull(why, "why");
        }

        public Why why() {
            return why;
        }
    }

    private static final Logger LOG = Logger.getLogger(GatewayTunnel.class.getName());

    private final Options options;
    private final Link link = new Link();
    private final Outbox outbox = new Outbox(link);
    private final TransportPolicy policy;
    private final TransportSwitch transport;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Consumer<Event> listener;
    private final Object inbound = new Object();
    private final List<Runnable> writtenHooks = new CopyOnWriteArrayList<>();
    private volatile String token = "";

    private GatewayTunnel(Options options, Shared shared, Consumer<Event> listener) {
        this.options = options;
        this.listener = listener;
        this.policy = new TransportPolicy(options.modes(), options.stall(), TransportPolicy.SPREAD, System.nanoTime());
        this.transport = new TransportSwitch(options, TunnelThreads.of(options, shared), policy, outbox, new Owner(), this::deliver);
    }

    /**
     * Opens a new tunnel: the first transport that gets a welcome from the gateway carries it.
     * Throws {@link TunnelRefused} when the gateway says no, {@link OpenFailed} when no transport
     * got through to it.
     */
    public static GatewayTunnel open(Options options) throws IOException {
        return open(options, null, null);
    }

    /**
     * Opens a new tunnel on shared threads ({@code shared} may be null), handing each event to
     * {@code listener} on the transport's thread instead of queueing it for {@link #next}
     * ({@code listener} may be null). A listener must not block.
     */
    public static GatewayTunnel open(Options options, Shared shared, Consumer<Event> listener) throws IOException {
        GatewayTunnel t = new GatewayTunnel(options, shared, listener);
        try {
            t.transport.open(System.nanoTime() + options.connectTimeout().multipliedBy(options.modes().size() * 2L).toNanos(),
                    options.modes().size() * 2);
        } catch (IOException | RuntimeException e) {
            t.transport.shutdown();
            throw e;
        }
        t.transport.startHeartbeat();
        return t;
    }

    private void deliver(Event e) {
        Consumer<Event> l = listener;
        if (l == null) {
            events.add(e);
            return;
        }
        try {
            l.accept(e);
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "A tunnel listener failed", failure);
        }
    }

    // ---- what the application sees

    /** Sends a message; messages go out in order, and survive a change of transport. */
    public void send(Message m) {
        if (m instanceof Message.Disconnect) {
            transport.goodbyeSent();
        }
        if (!outbox.add(m)) {
            LOG.warning("The gateway stopped acknowledging; closing the tunnel");
            transport.end(DisconnectReason.TOO_FAR_BEHIND, "the application stopped reading the tunnel");
            return;
        }
        transport.push();
    }

    /**
     * The bytes of counted frames that wait for the current transport to write them (all that the
     * gateway has not acknowledged, between transports). They go out before anything sent now.
     */
    @Override
    public long unsentBytes() {
        Carrier c = transport.current();
        long from = c == null ? link.firstKept() : c.written();
        return link.bytesFrom(from);
    }

    /**
     * Runs {@code hook} every time a transport writes counted frames or the gateway acknowledges
     * some: {@link #unsentBytes} may have fallen. It runs on a transport's thread, perhaps under
     * its locks, so it must be quick and must not wait for anything.
     */
    @Override
    public void whenWritten(Runnable hook) {
        writtenHooks.add(hook);
    }

    private void written() {
        for (Runnable hook : writtenHooks) {
            try {
                hook.run();
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "A tunnel's written hook failed", failure);
            }
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
        Carrier c = transport.current();
        return c == null ? null : c.mode();
    }

    /** How many transports have carried this tunnel so far (1 until the first change). */
    public int transports() {
        return transport.transportsUsed();
    }

    @Override
    public String toString() {
        Carrier c = transport.current();
        return "GatewayTunnel[" + options.role() + ", " + (c == null ? "no transport" : c.mode() + (c.welcomedOk() ? "" : " opening"))
                + ", sent " + link.sent() + ", received " + link.received() + ", unacknowledged " + link.unackedBytes()
                + " bytes, " + transport.transportsUsed() + " transports" + (transport.reconnecting() ? ", reconnecting" : "")
                + (transport.ended() ? ", ended" : "") + "]";
    }

    /** Cuts the current transport, as a network would: the tunnel carries on over a new one. */
    public void cut() {
        transport.cut();
    }

    /** Ends the tunnel here. Say goodbye first ({@code DISCONNECT}) to end the session too. */
    @Override
    public void close() {
        transport.close();
    }

    // ---- what arrives

    /**
     * Frames that arrived on carrier {@code c}, the first sequenced one numbered {@code seq};
     * returns the number after the last. Frames this side has already had are skipped.
     */
    private long arrived(Carrier c, List<Frame> frames, long seq) {
        synchronized (inbound) {
            if (c != transport.current() && !c.opening()) {
                return seq;
            }
            for (Frame f : frames) {
                transport.heard(System.nanoTime());
                Message m;
                try {
                    m = Message.decode(f);
                } catch (ProtocolException e) {
                    LOG.warning(() -> "The gateway sent a malformed frame: " + e.getMessage());
                    c.stop(true);
                    transport.failed(c, false, "broke the protocol");
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
                    outbox.control(new Message.Pong(p.nonce()));
                    c.push();
                    continue;
                }
                if (m instanceof Message.Pong p) {
                    policy.roundTrip(System.nanoTime() - p.nonce());
                    continue;
                }
                if (c.opening()) {
                    // Before any welcome, the gateway only says why it will not have us.
                    if (m instanceof Message.Disconnect d) {
                        c.refuse(d.reason(), d.detail());
                    } else {
                        c.refuse(DisconnectReason.REFUSED, "");
                    }
                    deliver(new Received(m));
                    c.answered();
                    return seq;
                }
                long mine = seq++;
                long have = link.received();
                if (mine < have) {
                    continue; // sent again after a change of transport; already delivered
                }
                if (mine > have) {
                    LOG.warning(() -> "Frame " + mine + " arrived before frame " + have);
                    transport.failed(c, false, "skipped frames");
                    return seq;
                }
                boolean due = link.arrived(f.encodedLength());
                deliver(new Received(m));
                if (m instanceof Message.Disconnect d) {
                    transport.end(d.reason(), d.detail());
                    return seq;
                }
                if (due) {
                    outbox.acknowledge(c.mode());
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
        transport.heartbeatEvery(TimeUnit.SECONDS.toNanos(Math.max(1, w.heartbeatSeconds())));
        if (w.transactionOnly()) {
            policy.gatewayWantsTransactionMode();
        }
        try {
            link.acked(w.received());
        } catch (ProtocolException e) {
            c.refuse(DisconnectReason.PROTOCOL_ERROR, "the gateway counts more frames than were sent");
        }
        c.upFrom(w.received());
        c.answered();
    }

    private void acked(Carrier c, long count) {
        try {
            link.acked(count);
        } catch (ProtocolException e) {
            LOG.warning(() -> "The gateway acknowledged frames never sent: " + e.getMessage());
            transport.failed(c, false, "broke the protocol");
            return;
        }
        written();
    }

    /** What the carriers reach of this tunnel (an inner class, so none of it is public here). */
    private final class Owner implements CarrierOwner {

        @Override
        public String token() {
            return token;
        }

        @Override
        public long firstKept() {
            return link.firstKept();
        }

        @Override
        public long received() {
            return link.received();
        }

        @Override
        public long sent() {
            return link.sent();
        }

        @Override
        public Pending pending(long from) {
            return outbox.pending(from);
        }

        @Override
        public long arrived(Carrier carrier, List<Frame> frames, long seq) {
            return GatewayTunnel.this.arrived(carrier, frames, seq);
        }

        @Override
        public void wrote(Carrier carrier) {
            if (carrier == transport.current()) {
                written();
            }
        }

        @Override
        public void acked(Carrier carrier, long count) {
            GatewayTunnel.this.acked(carrier, count);
        }

        @Override
        public void failed(Carrier carrier, boolean stalled, String why) {
            transport.failed(carrier, stalled, why);
        }
    }
}
