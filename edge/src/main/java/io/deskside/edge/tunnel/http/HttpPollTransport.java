package io.deskside.edge.tunnel.http;

import io.deskside.edge.port.CarriedTunnel;
import io.deskside.edge.port.Transport;
import io.deskside.edge.tunnel.PushTransport;
import io.deskside.edge.port.TunnelRegistry;

import io.deskside.protocol.wire.ProtocolException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.logging.Logger;

/**
 * A tunnel's transport in HTTP transaction mode: each POST from the peer carries its frames up,
 * and its response carries what waits for the peer, from the position the peer's request
 * names. When nothing waits the request is held (a long poll, never longer than the gateway's
 * limit) and answered as soon as something comes. One request is held at a time: a newer one
 * answers the older at once. Holding a request holds no thread.
 */
final class HttpPollTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(HttpPollTransport.class.getName());
    /** What one response carries at most; the rest goes with the next. */
    static final long MAX_RESPONSE_BYTES = 1L << 20;

    private final TunnelRegistry tunnels;
    private final boolean proxied;
    private final ArrayDeque<byte[]> controls = new ArrayDeque<>();
    private int controlBytes;
    private CarriedTunnel tunnel;
    private long cursor;
    private AsyncContext held;
    private String closing;

    HttpPollTransport(TunnelRegistry tunnels, boolean proxied) {
        this.tunnels = tunnels;
        this.proxied = proxied;
    }

    @Override
    public synchronized void start(CarriedTunnel tunnel, long cursor) {
        this.tunnel = tunnel;
        this.cursor = cursor;
    }

    @Override
    public boolean proxied() {
        return proxied;
    }

    /** The long poll is its own heartbeat: a poll unanswered is the client's to notice. */
    @Override
    public boolean detectsSilence() {
        return false;
    }

    /** Every answer carries {@code Deskside-Received}: an ACK frame would only answer a held poll early. */
    @Override
    public boolean countsInEveryAnswer() {
        return true;
    }

    @Override
    public void control(byte[] frame) {
        synchronized (this) {
            if (controlBytes + frame.length > PushTransport.MAX_CONTROL_BYTES) {
                return; // pongs and acknowledgements nobody collects; the next response acknowledges anyway
            }
            controls.add(frame);
            controlBytes += frame.length;
        }
        wake();
    }

    @Override
    public void wake() {
        AsyncContext answer;
        synchronized (this) {
            answer = held;
            held = null;
        }
        if (answer != null) {
            respond(answer);
        }
    }

    @Override
    public void close(String reason) {
        synchronized (this) {
            if (closing == null) {
                closing = reason;
            }
        }
        wake();
    }

    /**
     * A POST in transaction mode: answer it with what waits from {@code from} on (null: where
     * this transport stands), or hold it up to {@code waitMillis} for something to come.
     */
    void hold(AsyncContext request, Long from, long waitMillis) {
        AsyncContext older;
        boolean now;
        synchronized (this) {
            older = held;
            held = null;
            if (from != null) {
                cursor = from;
            }
            now = waitMillis <= 0 || closing != null || !controls.isEmpty() || (tunnel != null && tunnel.sent() > cursor);
            if (!now) {
                held = request;
                tunnels.later(waitMillis, () -> expire(request));
            }
        }
        if (older != null) {
            respond(older);
        }
        if (now) {
            respond(request);
        }
    }

    private void respond(AsyncContext request) {
        byte[] body;
        long first;
        long received;
        synchronized (this) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] c;
            while ((c = controls.poll()) != null) {
                out.writeBytes(c);
            }
            controlBytes = 0;
            if (tunnel != null) {
                cursor = tunnel.firstFrom(cursor);
            }
            first = cursor;
            received = tunnel == null ? 0 : tunnel.received();
            if (tunnel != null) {
                try {
                    List<byte[]> frames = tunnel.framesFrom(cursor, MAX_RESPONSE_BYTES);
                    frames.forEach(out::writeBytes);
                    cursor += frames.size();
                } catch (ProtocolException e) {
                    LOG.warning(() -> "A transaction lost its place in its tunnel: " + e.getMessage());
                }
            }
            body = out.toByteArray();
        }
        HttpServletResponse response = (HttpServletResponse) request.getResponse();
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            HttpTunnels.frameHeaders(response, first, received);
            response.setContentLength(body.length);
            AsyncOut out = new AsyncOut(request);
            out.write(body, ok -> complete(request));
        } catch (IOException | IllegalStateException e) {
            complete(request);
        }
    }

    private static void complete(AsyncContext request) {
        try {
            request.complete();
        } catch (IllegalStateException alreadyOver) {
            // The request timed out or broke while its answer was written.
        }
    }

    /** A held request's time is up: answer it, empty most likely. */
    private void expire(AsyncContext request) {
        synchronized (this) {
            if (held != request) {
                return;
            }
            held = null;
        }
        respond(request);
    }

    /** The held request broke (the peer went away): forget it. */
    void broken(AsyncContext request) {
        synchronized (this) {
            if (held == request) {
                held = null;
            }
        }
    }
}
