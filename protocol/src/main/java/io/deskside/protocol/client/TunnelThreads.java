package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Options;
import io.deskside.protocol.client.GatewayTunnel.Shared;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a tunnel runs on: an HTTP client, a timer for its heartbeat and retries, and workers for
 * its readers and reconnections. Either shared with other tunnels of the process, and then left
 * running when the tunnel ends, or the tunnel's own, built from its options and stopped with it.
 */
final class TunnelThreads {

    private static final AtomicInteger THREADS = new AtomicInteger();

    final HttpClient http;
    final ScheduledExecutorService timer;
    final ExecutorService workers;
    private final boolean owned;

    private TunnelThreads(HttpClient http, ScheduledExecutorService timer, ExecutorService workers, boolean owned) {
        this.http = http;
        this.timer = timer;
        this.workers = workers;
        this.owned = owned;
    }

    /**
     * The {@code shared} ones, or (if null) the tunnel's own, through the proxy, with the login and
     * the TLS trust of {@code options}.
     */
    static TunnelThreads of(Options options, Shared shared) {
        if (shared != null) {
            return new TunnelThreads(shared.http(), shared.timer(), shared.workers(), false);
        }
        ExecutorService workers = newWorkers();
        ScheduledExecutorService timer = newTimer();
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
        if (options.tls() != null) {
            b.sslContext(options.tls()); // the WebSocket carrier builds on this client too
        }
        return new TunnelThreads(b.build(), timer, workers, true);
    }

    static ScheduledExecutorService newTimer() {
        return Executors.newSingleThreadScheduledExecutor(daemons("deskside-heartbeat-"));
    }

    static ExecutorService newWorkers() {
        return Executors.newCachedThreadPool(daemons("deskside-tunnel-"));
    }

    private static ThreadFactory daemons(String prefix) {
        return r -> {
            Thread t = new Thread(r, prefix + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The tunnel ended: stops the threads if they are its own. */
    void shutdown() {
        if (!owned) {
            return;
        }
        timer.shutdownNow();
        workers.shutdown();
    }
}
