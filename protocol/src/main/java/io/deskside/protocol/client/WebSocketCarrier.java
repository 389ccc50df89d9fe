package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.client.GatewayTunnel.Options;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The tunnel over one WebSocket: frames both ways in binary messages, sent one after another. */
final class WebSocketCarrier extends Carrier implements WebSocket.Listener {

    private final Options options;
    private final HttpClient http;
    private final CarrierOwner owner;
    private final FrameDecoder decoder = new FrameDecoder();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private long up = -1;
    private long down;
    private volatile boolean stopped;

    WebSocketCarrier(Options options, HttpClient http, CarrierOwner owner) {
        super(Mode.WEBSOCKET);
        this.options = options;
        this.http = http;
        this.owner = owner;
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
        write(hello.toFrame().encode(), -1);
    }

    @Override
    synchronized void upFrom(long count) {
        // A welcome may come after acknowledgements that went further: never go back past them.
        up = Math.max(count, owner.firstKept());
    }

    @Override
    void push() {
        byte[] out;
        long upTo;
        synchronized (this) {
            if (up < 0 || stopped) {
                return;
            }
            up = Math.max(up, owner.firstKept());
            CarrierOwner.Pending pending = owner.pending(up);
            out = pending.bytes();
            up += pending.sequenced();
            upTo = pending.sequenced() > 0 ? up : -1;
        }
        if (out.length > 0) {
            write(out, upTo);
        }
    }

    /**
     * Sends after what was sent before; once it is sent, counted frames up to {@code upTo} (if
     * not -1) are written. The owner hears of that outside this lock and after {@code lastSend}
     * is set, since a send may be done at once and the owner may send more in answer.
     */
    private void write(byte[] bytes, long upTo) {
        CompletableFuture<WebSocket> sent;
        synchronized (this) {
            WebSocket s = socket;
            sent = lastSend.thenCompose(x -> s.sendBinary(ByteBuffer.wrap(bytes), true));
            lastSend = sent.exceptionally(e -> {
                owner.failed(this, false, "could not send: " + e);
                return null;
            });
        }
        if (upTo >= 0) {
            sent.thenRun(() -> wrote(upTo, owner));
        }
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
            owner.failed(this, false, "sent a message too large");
            return null;
        }
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partial.writeBytes(chunk);
        if (last) {
            try {
                List<Frame> frames = decoder.feed(partial.toByteArray());
                long next = owner.arrived(this, frames, down);
                synchronized (this) {
                    down = next;
                }
            } catch (ProtocolException e) {
                webSocket.abort();
                owner.failed(this, false, "broke the protocol: " + e.getMessage());
            }
            partial.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        answered();
        owner.failed(this, false, "closed (" + statusCode + " " + reason + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        answered();
        owner.failed(this, false, "broke: " + error);
    }
}
