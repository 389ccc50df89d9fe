package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Options;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The requests of one HTTP transport (streaming or transaction mode), in the terms of
 * {@link HttpTunnelContract}: the hello; POSTs that carry frames up, one at a time so that the
 * gateway sees them in order; in transaction mode also one request held open for what comes
 * down. Every request says what has arrived here, and every answer what the gateway has.
 */
final class HttpTunnelRequests {

    private final Carrier carrier;
    private final Options options;
    private final HttpClient http;
    private final CarrierOwner owner;
    private final boolean holdsAPoll;
    private long up = -1;
    private boolean dataInFlight;
    private boolean pollInFlight;
    private volatile boolean stopped;

    /** For {@code carrier}; {@code holdsAPoll}: keep one request waiting for what comes down (transaction mode). */
    HttpTunnelRequests(Carrier carrier, Options options, HttpClient http, CarrierOwner owner, boolean holdsAPoll) {
        this.carrier = carrier;
        this.options = options;
        this.http = http;
        this.owner = owner;
        this.holdsAPoll = holdsAPoll;
    }

    /** A request on this tunnel, naming it by its token. */
    HttpRequest.Builder onTunnel(Duration timeout) {
        return bare(timeout).header(HttpTunnelContract.TOKEN, owner.token());
    }

    /** A request that names no tunnel yet: the hello, which names it in its body when resuming. */
    private HttpRequest.Builder bare(Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(options.endpoint()).timeout(timeout)
                .header("Content-Type", HttpTunnelContract.MEDIA_TYPE);
        options.headers().forEach(b::header);
        return b;
    }

    /**
     * Says hello and hands on the answer; any status but frames means this mode does not get
     * through, and an {@link GatewayTunnel.OpenFailed} says why.
     */
    void hello(Message.Hello hello) throws IOException {
        HttpResponse<byte[]> r;
        try {
            r = http.send(bare(options.connectTimeout()).POST(HttpRequest.BodyPublishers.ofByteArray(hello.toFrame().encode()))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (r.statusCode() != HttpTunnelContract.FRAMES) {
            // A proxy's 407 or 403 comes back here as an answer, not as an exception: say which.
            throw OpenFailures.answered(carrier.mode(), r.statusCode(), options.proxy(), options.endpoint());
        }
        deliver(r);
    }

    synchronized void upFrom(long count) {
        // A welcome may come after acknowledgements that went further: never go back past them.
        up = Math.max(count, owner.firstKept());
    }

    /** Sends what waits to go up, and in transaction mode makes sure a poll is waiting. */
    void push() {
        HttpRequest request;
        boolean carriesData;
        boolean poll;
        long upTo;
        synchronized (this) {
            if (stopped || up < 0) {
                return;
            }
            CarrierOwner.Pending pending = new CarrierOwner.Pending(new byte[0], 0);
            long first = Math.max(up, owner.firstKept());
            if (!dataInFlight) {
                // One sending request at a time, so the gateway sees frames in order.
                up = first;
                pending = owner.pending(up);
            }
            if (pending.bytes().length > 0) {
                poll = false; // frames up: answered at once, whatever the mode
            } else if (holdsAPoll && !pollInFlight) {
                poll = true; // transaction mode keeps one request waiting for what comes down
            } else {
                return;
            }
            carriesData = pending.sequenced() > 0;
            long wait = poll ? options.longPoll().toMillis() : 0;
            request = onTunnel(Duration.ofMillis(wait).plus(options.stall()).plusSeconds(poll ? 0 : 5))
                    .header(HttpTunnelContract.SEQ, Long.toString(up)).header(HttpTunnelContract.RECEIVED, Long.toString(owner.received()))
                    .header(HttpTunnelContract.WAIT, Long.toString(wait)).POST(HttpRequest.BodyPublishers.ofByteArray(pending.bytes())).build();
            if (poll) {
                pollInFlight = true;
            } else {
                dataInFlight = true;
                up += pending.sequenced();
            }
            upTo = up;
        }
        if (carriesData) {
            carrier.wrote(upTo, owner); // the next frames wait in the tunnel until this request is answered
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
                owner.failed(carrier, false, "request failed: " + error);
                return;
            }
            if (r.statusCode() == HttpTunnelContract.HOLE && carriesData) {
                long has = header(r, HttpTunnelContract.RECEIVED);
                if (has < 0) {
                    owner.failed(carrier, false, "the gateway answered " + r.statusCode() + " without saying what it has");
                    return;
                }
                synchronized (this) {
                    up = has; // a hole: send again from what the gateway has
                }
                carrier.rewound(has);
            } else if (r.statusCode() != HttpTunnelContract.FRAMES) {
                owner.failed(carrier, false, "the gateway answered " + r.statusCode());
                return;
            } else {
                deliver(r);
            }
            push();
        });
    }

    /** An answer with frames: what the gateway has received, then what it sent. */
    private void deliver(HttpResponse<byte[]> r) {
        owner.acked(carrier, Math.max(0, header(r, HttpTunnelContract.RECEIVED)));
        try {
            owner.arrived(carrier, decode(r.body()), header(r, HttpTunnelContract.SEQ));
        } catch (ProtocolException e) {
            owner.failed(carrier, false, "broke the protocol: " + e.getMessage());
        }
    }

    private static List<Frame> decode(byte[] bytes) throws ProtocolException {
        FrameDecoder d = new FrameDecoder();
        List<Frame> frames = d.feed(bytes);
        d.finish();
        return frames;
    }

    /** A count the gateway sent in a header; -1 when missing or not a number. */
    static long header(HttpResponse<?> r, String name) {
        try {
            return Long.parseLong(r.headers().firstValue(name).orElse("-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Waits a little for the frames sent so far to go. */
    void drain(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (!dataInFlight && owner.sent() <= up) {
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

    /** No more requests; answers still on their way are ignored. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }
}
