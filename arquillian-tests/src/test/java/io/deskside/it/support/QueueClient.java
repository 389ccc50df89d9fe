package io.deskside.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Guest's live-queue subscription, as the Guest will make it: JDK WebSocket, Basic credentials. */
public final class QueueClient implements WebSocket.Listener, AutoCloseable {

    /** A message and the wall-clock time it arrived. */
    public record Received(JsonObject message, long atMillis) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile Integer closeCode;
    private final WebSocket socket;

    private QueueClient(Api api, String origin) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (api.authorization() != null) {
            b.header("Authorization", api.authorization());
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        this.socket = b.buildAsync(URI.create(Api.BASE.replace("http", "ws") + "/api/queue/events"), this).join();
    }

    public static QueueClient connect(Api api) {
        return new QueueClient(api, null);
    }

    public static QueueClient connect(Api api, String origin) {
        return new QueueClient(api, origin);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long at = System.currentTimeMillis();
            received.add(new Received(Json.createReader(new StringReader(partial.toString())).readObject(), at));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    /** The next message, or null if none comes in time. */
    public Received next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message of the given type about the given request, skipping others. */
    public Received await(String type, long requestId, Duration wait) throws InterruptedException {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        while (System.currentTimeMillis() < deadline) {
            Received r = next(Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())));
            if (r != null && r.message().getString("type").equals(type)
                    && r.message().getJsonObject("request").getJsonNumber("id").longValue() == requestId) {
                return r;
            }
        }
        return null;
    }

    public Integer closeCode() {
        return closeCode;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
