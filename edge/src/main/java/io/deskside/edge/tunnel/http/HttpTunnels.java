package io.deskside.edge.tunnel.http;

import io.deskside.edge.http.PeerOrigins;
import io.deskside.edge.http.Problem;
import io.deskside.edge.http.ProblemWriter;
import io.deskside.edge.port.CarriedTunnel;
import io.deskside.edge.port.Transport;
import io.deskside.edge.port.TunnelOpening;
import io.deskside.edge.port.TunnelRegistry;
import io.deskside.protocol.client.HttpTunnelContract;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.link.Link;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The HTTP side of the tunnels, shared by the Host's and the Guest's servlets (at the same
 * address as their WebSocket endpoints):
 * <ul>
 * <li>{@code POST} without {@value #TOKEN}: the body is one {@code HELLO}; the answer carries the
 * {@code WELCOME} (and, when resuming, what the peer had not received).</li>
 * <li>{@code POST} with {@value #TOKEN}: frames up, the first sequenced one numbered
 * {@value #SEQ}; {@value #RECEIVED} says what the peer has. With {@value #WAIT} (milliseconds)
 * it is a transaction: the answer carries what waits down, held until something does (a long
 * poll, at most the gateway's limit). Without, the answer is empty (streaming mode).</li>
 * <li>{@code GET} with {@value #TOKEN} and {@value #RECEIVED}: streaming mode's way down, one
 * long response that frames are written to as they come.</li>
 * </ul>
 * Answers that carry frames say in {@value #SEQ} what number the first sequenced one has and in
 * {@value #RECEIVED} what the gateway has. Reads and writes are non-blocking: a held or
 * streaming request holds no thread.
 */
public final class HttpTunnels {

    // The contract is the client's too: written once, in protocol.
    static final String MEDIA_TYPE = HttpTunnelContract.MEDIA_TYPE;
    static final String TOKEN = HttpTunnelContract.TOKEN;
    static final String SEQ = HttpTunnelContract.SEQ;
    static final String RECEIVED = HttpTunnelContract.RECEIVED;
    static final String WAIT = HttpTunnelContract.WAIT;
    static final int MAX_BODY = HttpTunnelContract.MAX_BODY_BYTES;
    private static final Logger LOG = Logger.getLogger(HttpTunnels.class.getName());

    private final TunnelRegistry tunnels;

    public HttpTunnels(TunnelRegistry tunnels) {
        this.tunnels = tunnels;
    }

    /** The headers of every answer that carries frames. */
    static void frameHeaders(HttpServletResponse response, long first, long received) {
        response.setContentType(MEDIA_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader(SEQ, Long.toString(first));
        response.setHeader(RECEIVED, Long.toString(received));
    }

    public void post(HttpServletRequest request, HttpServletResponse response, Message.Role role, String owner,
            TunnelOpening opening) throws IOException {
        String token = request.getHeader(TOKEN);
        long received;
        long seq;
        long wait;
        try {
            received = count(request, RECEIVED, 0L);
            seq = count(request, SEQ, -1L);
            wait = Math.min(count(request, WAIT, 0L), tunnels.longPollMillis());
        } catch (IllegalArgumentException e) {
            problem(response, HttpTunnelContract.MALFORMED, e.getMessage());
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            problem(response, HttpTunnelContract.TOO_LARGE, "a request carries at most " + MAX_BODY + " bytes of frames");
            return;
        }
        CarriedTunnel tunnel = null;
        if (token != null) {
            tunnel = tunnels.find(token, role, owner);
            if (tunnel == null) {
                problem(response, HttpTunnelContract.NO_SUCH_TUNNEL, "no such tunnel: the session has ended, or was never yours");
                return;
            }
        }
        AsyncContext context = request.startAsync();
        context.setTimeout(tunnels.longPollMillis() + 15_000);
        Exchange exchange = new Exchange();
        context.addListener(exchange);
        ServletInputStream in = request.getInputStream();
        CarriedTunnel named = tunnel;
        boolean proxied = PeerOrigins.of(request).proxied();
        in.setReadListener(new Body(in, context, body -> {
            if (named == null) {
                hello(context, exchange, body, role, opening, proxied);
            } else {
                frames(context, exchange, named, body, received, seq, wait, proxied);
            }
        }));
    }

    public void get(HttpServletRequest request, HttpServletResponse response, Message.Role role, String owner) throws IOException {
        String token = request.getHeader(TOKEN);
        if (token == null) {
            problem(response, HttpTunnelContract.MALFORMED, "a stream names its tunnel in " + TOKEN);
            return;
        }
        long received;
        try {
            received = count(request, RECEIVED, null);
        } catch (IllegalArgumentException e) {
            problem(response, HttpTunnelContract.MALFORMED, e.getMessage());
            return;
        }
        boolean proxied = PeerOrigins.of(request).proxied();
        if (proxied && tunnels.transactionOnlyWhenProxied()) {
            problem(response, HttpTunnelContract.REFUSED_HERE, "this request came through an HTTP proxy: use transaction mode");
            return;
        }
        CarriedTunnel tunnel = tunnels.find(token, role, owner);
        if (tunnel == null) {
            problem(response, HttpTunnelContract.NO_SUCH_TUNNEL, "no such tunnel: the session has ended, or was never yours");
            return;
        }
        if (received > tunnel.sent()) {
            problem(response, HttpTunnelContract.MALFORMED, "the stream cannot start at frame " + received + ": only " + tunnel.sent() + " were sent");
            return;
        }
        response.setStatus(HttpTunnelContract.FRAMES);
        frameHeaders(response, received, tunnel.received());
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext context = request.startAsync();
        HttpStreamTransport stream = new HttpStreamTransport(context, proxied);
        try {
            tunnel.attach(stream, received, true, tunnels.heartbeatSeconds(), false);
        } catch (ProtocolException e) {
            stream.close(DisconnectReason.PROTOCOL_ERROR.code());
        }
    }

    private void hello(AsyncContext context, Exchange exchange, byte[] body, Message.Role role, TunnelOpening opening,
            boolean proxied) {
        Message.Hello hello;
        try {
            List<Frame> frames = decode(body);
            if (frames.size() != 1 || !(Message.decode(frames.get(0)) instanceof Message.Hello h) || h.role() != role) {
                throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER, "a tunnel opens with one " + role + " hello");
            }
            hello = h;
        } catch (ProtocolException e) {
            problem(context, HttpTunnelContract.MALFORMED, e.getMessage());
            return;
        }
        HttpPollTransport poll = new HttpPollTransport(tunnels, proxied);
        exchange.poll = poll;
        try {
            opening.open(poll, hello, proxied && tunnels.transactionOnlyWhenProxied());
        } catch (ProtocolException e) {
            problem(context, HttpTunnelContract.MALFORMED, e.getMessage());
            return;
        }
        poll.hold(context, null, 0);
    }

    private void frames(AsyncContext context, Exchange exchange, CarriedTunnel tunnel, byte[] body, long received, long seq, long wait,
            boolean proxied) {
        try {
            tunnel.acknowledged(received);
            List<Frame> frames = decode(body);
            if (!frames.isEmpty() && !tunnel.ended()) {
                boolean anySequenced = frames.stream().anyMatch(f -> Link.sequenced(f.type()));
                if (anySequenced && seq < 0) {
                    throw new ProtocolException(ProtocolException.Reason.MALFORMED, "frames up say in " + SEQ + " where they start");
                }
                if (!tunnel.arrivedFrom(Math.max(seq, 0), frames)) {
                    HttpServletResponse response = (HttpServletResponse) context.getResponse();
                    response.setStatus(HttpTunnelContract.HOLE);
                    frameHeaders(response, tunnel.sent(), tunnel.received());
                    response.setContentLength(0);
                    context.complete();
                    return;
                }
            }
        } catch (ProtocolException e) {
            LOG.warning(() -> "Closed a " + tunnel.role() + " tunnel over HTTP: " + e.getMessage());
            tunnel.broke(e);
            problem(context, HttpTunnelContract.MALFORMED, e.getMessage());
            return;
        }
        if (wait <= 0 && !tunnel.ended()) {
            HttpServletResponse response = (HttpServletResponse) context.getResponse();
            response.setStatus(HttpTunnelContract.FRAMES);
            frameHeaders(response, tunnel.sent(), tunnel.received());
            response.setContentLength(0);
            context.complete();
            return;
        }
        Transport current = tunnel.transport();
        HttpPollTransport poll;
        if (current instanceof HttpPollTransport p) {
            poll = p;
        } else {
            poll = new HttpPollTransport(tunnels, proxied);
            try {
                tunnel.attach(poll, received, false, tunnels.heartbeatSeconds(), false);
            } catch (ProtocolException e) {
                problem(context, HttpTunnelContract.MALFORMED, e.getMessage());
                return;
            }
        }
        exchange.poll = poll;
        poll.hold(context, received, wait);
    }

    private static List<Frame> decode(byte[] body) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder();
        List<Frame> frames = decoder.feed(body);
        decoder.finish();
        return frames;
    }

    /** A header that counts frames (or milliseconds); {@code fallback} null means it is required. */
    private static long count(HttpServletRequest request, String header, Long fallback) {
        String v = request.getHeader(header);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException(header + " is required");
            }
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(header + " is a whole number of at least 0");
        }
    }

    private static void problem(HttpServletResponse response, int status, String detail) throws IOException {
        ProblemWriter.write(response, status, detail, null);
    }

    private static void problem(AsyncContext context, int status, String detail) {
        HttpServletResponse response = (HttpServletResponse) context.getResponse();
        try {
            byte[] body = ProblemWriter.json(Problem.of(status, detail, null));
            response.setStatus(status);
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            new AsyncOut(context).write(body, ok -> context.complete());
        } catch (IOException | IllegalStateException e) {
            context.complete();
        }
    }

    /** The request's transaction-mode transport, told when the request breaks. */
    private static final class Exchange implements AsyncListener {
        volatile HttpPollTransport poll;

        @Override
        public void onTimeout(AsyncEvent event) {
            gone(event);
            try {
                event.getAsyncContext().complete();
            } catch (IllegalStateException alreadyOver) {
                // answered meanwhile
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            gone(event);
        }

        private void gone(AsyncEvent event) {
            HttpPollTransport p = poll;
            if (p != null) {
                p.broken(event.getAsyncContext());
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** Reads a request body without blocking, up to the limit. */
    private static final class Body implements ReadListener {
        private final ServletInputStream in;
        private final AsyncContext context;
        private final Consumer<byte[]> then;
        private final ByteArrayOutputStream body;
        private final byte[] buffer = new byte[16 * 1024];
        private boolean tooLarge;

        Body(ServletInputStream in, AsyncContext context, Consumer<byte[]> then) {
            long declared = context.getRequest().getContentLengthLong();
            // Room for what the request says it carries, within the bound; it grows only as bytes come.
            this.body = new ByteArrayOutputStream((int) Math.max(32, Math.min(declared, Math.min(MAX_BODY, 256 * 1024))));
            this.in = in;
            this.context = context;
            this.then = then;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!tooLarge && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                if (body.size() + n > MAX_BODY) {
                    tooLarge = true;
                    problem(context, HttpTunnelContract.TOO_LARGE, "a request carries at most " + MAX_BODY + " bytes of frames");
                    return;
                }
                body.write(buffer, 0, n);
            }
        }

        @Override
        public void onAllDataRead() {
            if (tooLarge) {
                return;
            }
            then.accept(body.toByteArray());
        }

        @Override
        public void onError(Throwable t) {
            LOG.fine(() -> "Reading a tunnel request failed: " + t);
            try {
                context.complete();
            } catch (IllegalStateException alreadyOver) {
                // answered already
            }
        }
    }
}
