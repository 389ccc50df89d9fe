package io.deskside.it.support;

import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw WebSocket client for tests (the JDK's java.net.http): it speaks frames and nothing
 * more, no acknowledgements, no pings, no resuming, so tests can play a peer that misbehaves
 * (garbage, never acknowledging, vanishing). Well-behaved peers use the protocol module's
 * {@code GatewayTunnel}.
 */
public final class WebSocketTunnel implements AutoCloseable {

    /** What arrives: a message, or the end of the tunnel with its close code and reason. */
    public sealed interface Event permits Received, Closed {
    }

    public record Received(Message message) implements Event {
    }

    public record Closed(int code, String reason) implements Event {
    }

    static final int MAX_MESSAGE_BYTES = Frame.MAX_PAYLOAD_BYTES + Frame.HEADER_BYTES;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final FrameDecoder decoder = new FrameDecoder();
    private final WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private WebSocketTunnel(URI uri, Duration connectTimeout, java.util.Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout).build()
                .newWebSocketBuilder().connectTimeout(connectTimeout);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static WebSocketTunnel connect(URI uri) {
        return new WebSocketTunnel(uri, Duration.ofSeconds(10), java.util.Map.of());
    }

    /** With extra handshake headers: the Guest signs in with {@code Authorization}. */
    public static WebSocketTunnel connect(URI uri, java.util.Map<String, String> headers) {
        return new WebSocketTunnel(uri, Duration.ofSeconds(10), headers);
    }

    /** Sends a message; sends are queued and go out in order. */
    public synchronized void send(Message m) {
        byte[] bytes = m.toFrame().encode();
        lastSend = lastSend.thenCompose(x -> socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** Sends raw bytes, for tests of what the gateway does with garbage. */
    public synchronized void sendRaw(byte[] bytes) {
        lastSend = lastSend.thenCompose(x -> socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** The next event, or null if none comes in time. */
    public Event next(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message of the given type, skipping pings and statuses not asked for; null on close or time-out. */
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

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }

    /** Drops the connection without a goodbye, as a lost network would. */
    public void abort() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (partial.size() + data.remaining() > MAX_MESSAGE_BYTES) {
                webSocket.sendClose(1009, "message too large");
                return null;
            }
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                try {
                    for (Frame f : decoder.feed(partial.toByteArray())) {
                        events.add(new Received(Message.decode(f)));
                    }
                } catch (ProtocolException e) {
                    webSocket.sendClose(1002, "protocol error");
                }
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(new Closed(1006, String.valueOf(error.getMessage())));
        }
    }
}
