package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.client.GatewayTunnel.Options;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The tunnel over HTTP streaming: after the hello, one long GET whose answer never ends brings
 * frames down as they come, and POSTs carry frames up.
 */
final class StreamingCarrier extends HttpCarrier {

    private final Options options;
    private final HttpClient http;
    private final Executor workers;
    private final CarrierOwner owner;
    private volatile InputStream stream;

    StreamingCarrier(Options options, HttpClient http, Executor workers, CarrierOwner owner) {
        super(Mode.STREAMING, options, http, owner, false);
        this.options = options;
        this.http = http;
        this.workers = workers;
        this.owner = owner;
    }

    @Override
    void start(Message.Hello hello) throws IOException {
        requests.hello(hello);
        if (opening() || refused() != null) {
            return;
        }
        openStream();
    }

    private void openStream() throws IOException {
        HttpResponse<InputStream> r;
        try {
            r = http.send(requests.onTunnel(options.connectTimeout()).header(HttpTunnelContract.RECEIVED, Long.toString(owner.received()))
                    .GET().timeout(Duration.ofDays(1)).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (r.statusCode() != HttpTunnelContract.FRAMES) {
            r.body().close();
            throw new IOException("streaming: the gateway answered " + r.statusCode());
        }
        stream = r.body();
        long first = HttpTunnelRequests.header(r, HttpTunnelContract.SEQ);
        workers.execute(() -> read(r.body(), first));
    }

    private void read(InputStream in, long first) {
        FrameDecoder decoder = new FrameDecoder();
        byte[] buffer = new byte[64 * 1024];
        long seq = first;
        try (in) {
            int n;
            while (!requests.stopped() && (n = in.read(buffer)) > 0) {
                seq = owner.arrived(this, decoder.feed(ByteBuffer.wrap(buffer, 0, n)), seq);
            }
            if (!requests.stopped()) {
                owner.failed(this, false, "ended");
            }
        } catch (IOException | ProtocolException e) {
            if (!requests.stopped()) {
                owner.failed(this, false, "broke: " + e.getMessage());
            }
        }
    }

    @Override
    void stop(boolean abort) {
        super.stop(abort);
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
