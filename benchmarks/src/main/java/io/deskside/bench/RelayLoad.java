package io.deskside.bench;

import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load generator for the relay, loopback only and bounded in pairs and time. Against a running
 * gateway ({@code --target=gateway}) it opens N help sessions (a Host asks a help service, a
 * technician claims, the Guest joins, the Host confirms) over one transport and pushes session
 * data through them: at a fixed rate each way ({@code --rate} messages a second per side), or as
 * fast as the receivers' credit allows, Host to Guest ({@code --rate=0}). Against nginx
 * ({@code --target=nginx}) it pushes the same traffic through nginx as a plain WebSocket proxy
 * to an in-process sink. Against the bare relay ({@code --target=bare}, {@code io.deskside.bench.bare})
 * it pushes it through the least a Jakarta WebSocket relay on the same server can do. It prints messages/s, bytes/s and one-way latency percentiles of what
 * arrived in the measured window, and (with {@code --server-pid}) the gateway's heap after a GC
 * with every session live.
 */
public final class RelayLoad {

    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*\\}");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final Map<String, String> args;
    private final int pairs;
    private final int seconds;
    private final int warmup;
    private final int size;
    private final double rate;
    private final long[] samples = new long[20_000_000];
    private final AtomicInteger sampleCount = new AtomicInteger();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean running = true;

    private RelayLoad(Map<String, String> args) {
        this.args = args;
        this.pairs = Integer.parseInt(args.getOrDefault("pairs", "100"));
        this.seconds = Integer.parseInt(args.getOrDefault("seconds", "20"));
        this.warmup = Integer.parseInt(args.getOrDefault("warmup", "5"));
        this.size = Integer.parseInt(args.getOrDefault("size", "20000"));
        this.rate = Double.parseDouble(args.getOrDefault("rate", "1"));
        if (pairs < 1 || pairs > 20_000 || seconds < 1 || seconds > 600 || size < 16 || size > 1_000_000) {
            throw new IllegalArgumentException("pairs 1..20000, seconds 1..600, size 16..1000000");
        }
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("arguments are --name=value, not " + a);
            }
            args.put(a.substring(2, eq), a.substring(eq + 1));
        }
        try {
            RelayLoad load = new RelayLoad(args);
            String target = args.getOrDefault("target", "gateway");
            if (target.equals("nginx")) {
                load.nginx(URI.create(args.get("url")));
            } else if (target.equals("bare")) {
                load.bare(URI.create(args.getOrDefault("url", "ws://127.0.0.1:8080/deskside-bare/relay")));
            } else {
                load.gateway(URI.create(args.getOrDefault("url", "http://127.0.0.1:8080")));
            }
        } catch (Exception | Error e) {
            // Its pools' threads would keep the process (and the script waiting on it) alive.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    // ---- measuring

    private byte[] payload() {
        byte[] p = new byte[size];
        ByteBuffer.wrap(p).putLong(System.nanoTime());
        return p;
    }

    private void arrived(byte[] p) {
        long latency = System.nanoTime() - ByteBuffer.wrap(p).getLong();
        if (measuring) {
            messages.incrementAndGet();
            bytes.addAndGet(p.length);
            int i = sampleCount.getAndIncrement();
            if (i < samples.length) {
                samples[i] = latency;
            }
        }
    }

    /**
     * CPU seconds the relay's processes used so far: the gateway's JVM ({@code --server-pid}),
     * or every process named {@code --relay-process} (nginx's workers); -1 where /proc is not there.
     */
    private double relayCpuSeconds() {
        try {
            List<Path> stats = new ArrayList<>();
            String pid = args.get("server-pid");
            String name = args.get("relay-process");
            if (pid != null) {
                stats.add(Path.of("/proc", pid, "stat"));
            } else if (name != null) {
                try (var dirs = Files.list(Path.of("/proc"))) {
                    dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                            .map(d -> d.resolve("stat")).forEach(stats::add);
                }
            } else {
                return -1;
            }
            long ticks = 0;
            for (Path stat : stats) {
                String line;
                try {
                    line = Files.readString(stat);
                } catch (IOException gone) {
                    continue;
                }
                int close = line.lastIndexOf(')');
                String comm = line.substring(line.indexOf('(') + 1, close);
                if (name != null && pid == null && !comm.equals(name)) {
                    continue;
                }
                String[] f = line.substring(close + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            }
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void measure(String label, Runnable heap) throws InterruptedException {
        Thread.sleep(warmup * 1000L);
        measuring = true;
        double cpuBefore = relayCpuSeconds();
        long ownBefore = ownCpuNanos();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring = false;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = cpuBefore < 0 ? -1 : relayCpuSeconds() - cpuBefore;
        double own = (ownCpuNanos() - ownBefore) / 1e9;

        int n = Math.min(sampleCount.get(), samples.length);
        long[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        System.out.printf("RESULT %s pairs=%d size=%d rate=%s msgs/s=%.0f MB/s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.1f samples=%d%n",
                label, pairs, size, rate == 0 ? "max" : Double.toString(rate), messages.get() / elapsed,
                bytes.get() / elapsed / 1e6, pct(s, 0.50), pct(s, 0.99), n == 0 ? 0 : s[n - 1] / 1e6, n);
        if (cpu >= 0) {
            // What a relay does per CPU second is the fair comparison on cores it shares with its load.
            System.out.printf("CPU %s relay used %.2f cores; %.1f MB relayed per CPU second%n", label, cpu / elapsed,
                    cpu == 0 ? 0 : bytes.get() / 1e6 / cpu);
        }
        // The load shares the cores with the relay: what it took is what the relay could not have.
        System.out.printf("LOAD %s the load generator used %.2f cores%n", label, own / elapsed);
        if (heap != null) {
            heap.run();
        }
        running = false;
    }

    private static List<Side> concat(List<Side> a, List<Side> b) {
        List<Side> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    /**
     * Runs {@code send} for each of {@code count} senders at the configured rate, spread evenly:
     * sender i is due at start + (i / count + k) periods, so one pointer walks the senders in
     * order and each tick costs only the sends that are due.
     */
    private void paced(int count, java.util.function.IntConsumer send) {
        double period = 1e9 / rate;
        long start = System.nanoTime();
        Thread t = new Thread(() -> {
            long k = 0;
            int i = 0;
            while (running) {
                long due = start + (long) (period * (k + (double) i / count));
                long now = System.nanoTime();
                if (due > now) {
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.min(due - now, 2_000_000));
                    continue;
                }
                send.accept(i);
                if (++i == count) {
                    i = 0;
                    k++;
                }
            }
        }, "pacer");
        t.setDaemon(true);
        t.start();
    }

    // ---- through the gateway

    /** One end of a help session in the load: its tunnel, the credit it may spend, what it owes back. */
    private final class Side {
        final boolean host;
        final AtomicLong credit = new AtomicLong();
        long consumed;
        volatile GatewayTunnel tunnel;
        volatile boolean connected;

        Side(boolean host) {
            this.host = host;
        }

        int sendStream() {
            return host ? 1 : 2;
        }

        void event(GatewayTunnel.Event e) {
            if (!(e instanceof GatewayTunnel.Received r)) {
                if (running) {
                    System.err.println((host ? "Host" : "Guest") + " tunnel ended: " + e);
                }
                return;
            }
            Message m = r.message();
            if (m instanceof Message.ConfirmRequest) {
                send(new Message.ConfirmAnswer(true));
            } else if (m instanceof Message.Status s && s.state() == Message.Status.State.CONNECTED) {
                connected = true;
                connectedCount.incrementAndGet();
            } else if (m instanceof Message.Credit c) {
                credit.addAndGet(c.bytes());
            } else if (m instanceof Message.Data d) {
                arrived(d.sealed());
                long grant = 0;
                synchronized (this) {
                    consumed += d.sealed().length;
                    if (consumed >= 1 << 20) {
                        grant = consumed;
                        consumed = 0;
                    }
                }
                if (grant > 0) {
                    send(new Message.Credit(d.stream(), grant));
                }
            }
        }

        void send(Message m) {
            GatewayTunnel t = tunnel;
            while (t == null) {
                Thread.onSpinWait();
                t = tunnel;
            }
            t.send(m);
        }

        boolean trySend() {
            if (!connected || credit.get() < size) {
                return false;
            }
            credit.addAndGet(-size);
            tunnel.send(new Message.Data(sendStream(), payload()));
            return true;
        }
    }

    private final AtomicInteger connectedCount = new AtomicInteger();

    private void gateway(URI base) throws Exception {
        Mode mode = Mode.valueOf(args.getOrDefault("mode", "websocket").toUpperCase(java.util.Locale.ROOT));
        String admin = "Basic " + Base64.getEncoder().encodeToString(args.get("admin").getBytes(StandardCharsets.UTF_8));
        HttpClient rest = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        String run = Long.toString(System.currentTimeMillis(), 36);
        String tech = "bench" + run;
        String password = "bench password " + run;
        call(rest, admin, "POST", base.resolve("/api/technicians"), "{\"login\":\"" + tech + "\",\"displayName\":\"Bench " + run
                + "\",\"password\":\"" + password + "\",\"roles\":[\"technician\"]}");
        String service = "Bench " + run;
        call(rest, admin, "POST", base.resolve("/api/services"), "{\"name\":\"" + service
                + "\",\"description\":\"load test\",\"technicians\":[\"" + tech + "\"]}");
        String technician = "Basic " + Base64.getEncoder().encodeToString((tech + ":" + password).getBytes(StandardCharsets.UTF_8));

        // What a Host download carries; one credential serves every Host of the run.
        String hostJson = call(rest, admin, "GET", base.resolve("/host/credential"), null);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"credential\":\"([^\"]+)\"").matcher(hostJson);
        if (!m.find()) {
            throw new IllegalStateException("no Host credential in " + hostJson);
        }
        String credential = m.group(1);
        GatewayTunnel.Shared shared = GatewayTunnel.Shared.direct(Duration.ofSeconds(10));
        ExecutorService setup = Executors.newFixedThreadPool(16);
        List<Side> hosts = new ArrayList<>();
        List<Side> guests = new ArrayList<>();
        long began = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Side h = new Side(true);
            hosts.add(h);
            int n = i;
            work.add(setup.submit(() -> {
                h.tunnel = GatewayTunnel.open(GatewayTunnel.Options.of(base.resolve("/tunnel"), Message.Role.HOST, "bench")
                        .credential(credential).direct().modes(mode), shared, h::event);
                h.tunnel.send(new Message.HelpRequest(false, service, "bench-" + run + "-" + n, ""));
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        work.clear();
        List<Long> ids = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ids.size() < pairs && System.nanoTime() < deadline) {
            ids.clear();
            Matcher objects = OBJECT.matcher(call(rest, technician, "GET", base.resolve("/api/queue"), null));
            while (objects.find()) {
                String o = objects.group();
                Matcher id = ID.matcher(o);
                if (o.contains("bench-" + run + "-") && o.contains("\"waiting\"") && id.find()) {
                    ids.add(Long.parseLong(id.group(1)));
                }
            }
            Thread.sleep(200);
        }
        if (ids.size() < pairs) {
            throw new IllegalStateException("only " + ids.size() + " of " + pairs + " requests reached the queue");
        }
        for (long id : ids) {
            Side g = new Side(false);
            guests.add(g);
            work.add(setup.submit(() -> {
                call(rest, technician, "POST", base.resolve("/api/queue/" + id + "/claim"), null);
                g.tunnel = GatewayTunnel.open(GatewayTunnel.Options.of(base.resolve("/api/sessions/" + id + "/tunnel"),
                        Message.Role.GUEST, "bench").direct().modes(mode).headers(Map.of("Authorization", technician)), shared, g::event);
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (connectedCount.get() < 2 * pairs && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.printf("SETUP %d pairs over %s connected in %.1f s (%d of %d sides connected)%n", pairs, mode,
                (System.nanoTime() - began) / 1e9, connectedCount.get(), 2 * pairs);
        for (Side g : guests) {
            g.send(new Message.Credit(1, 4L << 20));
        }
        for (Side h : hosts) {
            h.send(new Message.Credit(2, 4L << 20));
        }
        if (rate > 0) {
            List<Side> all = new ArrayList<>(hosts);
            all.addAll(guests);
            paced(all.size(), i -> all.get(i).trySend());
        } else {
            Thread t = new Thread(() -> {
                while (running) {
                    boolean any = false;
                    for (Side h : hosts) {
                        for (int k = 0; k < 4 && h.trySend(); k++) {
                            any = true;
                        }
                    }
                    if (!any) {
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "flood");
            t.setDaemon(true);
            t.start();
        }
        measure("target=gateway mode=" + mode, () -> heap(args.get("server-pid")));
        // Sides whose tunnel changed transport (a stall or a cut) during the run, and where they ended up.
        java.util.Map<String, Integer> endedOn = new java.util.TreeMap<>();
        int moved = 0;
        for (Side side : concat(hosts, guests)) {
            if (side.tunnel != null) {
                GatewayTunnel.Mode now = side.tunnel.mode();
                endedOn.merge(now == null ? "none (ended)" : now.name(), 1, Integer::sum);
                moved += side.tunnel.transports() > 1 ? 1 : 0;
            }
        }
        System.out.printf("TRANSPORTS %d of %d sides changed transport; now on %s%n", moved, 2 * pairs, endedOn);
        setup.shutdownNow();
    }

    private static void heap(String pid) {
        if (pid == null) {
            return;
        }
        try {
            new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
            Process p = new ProcessBuilder("jcmd", pid, "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                if (line.contains("used")) {
                    System.out.println("HEAP after GC, sessions live: " + line.strip());
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            System.out.println("HEAP unavailable: " + e);
        }
    }

    private static String call(HttpClient http, String authorization, String method, URI uri, String json) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", authorization).timeout(Duration.ofSeconds(60));
            if (json != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + uri + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** A JDK WebSocket listener that hands on each binary message whole, however it was split. */
    private static final class WholeMessages implements WebSocket.Listener {
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        private final java.util.function.Consumer<byte[]> each;

        WholeMessages(java.util.function.Consumer<byte[]> each) {
            this.each = each;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                each.accept(partial.toByteArray());
                partial.reset();
            }
            ws.request(1);
            return null;
        }
    }

    // ---- through nginx

    private void nginx(URI nginxUrl) throws Exception {
        ConcurrentLinkedQueue<SinkServer.Peer> peers = new ConcurrentLinkedQueue<>();
        try (SinkServer sink = new SinkServer(peers::add, this::arrived)) {
            System.out.println("SINK listening on 127.0.0.1:" + sink.port());
            if (!args.containsKey("sink-port-file")) {
                throw new IllegalArgumentException("--sink-port-file: where to write the sink's port for nginx");
            }
            java.nio.file.Files.writeString(java.nio.file.Path.of(args.get("sink-port-file")), Integer.toString(sink.port()));
            waitForUpstream(nginxUrl);
            HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
            ExecutorService setup = Executors.newFixedThreadPool(16);
            List<Future<WebSocket>> opening = new ArrayList<>();
            long began = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                opening.add(setup.submit(() -> http.newWebSocketBuilder().buildAsync(nginxUrl, new WholeMessages(this::arrived)).get(30, TimeUnit.SECONDS)));
            }
            List<WebSocket> clients = new ArrayList<>();
            for (Future<WebSocket> f : opening) {
                clients.add(f.get());
            }
            while (peers.size() < pairs) {
                Thread.sleep(50);
            }
            System.out.printf("SETUP %d WebSockets through nginx in %.1f s%n", pairs, (System.nanoTime() - began) / 1e9);
            List<SinkServer.Peer> sinks = new ArrayList<>(peers);
            CompletableFuture<?>[] last = new CompletableFuture<?>[pairs];
            Arrays.fill(last, CompletableFuture.completedFuture(null));
            if (rate > 0) {
                ExecutorService back = Executors.newFixedThreadPool(8);
                paced(2 * pairs, i -> {
                    if (i < pairs) {
                        if (last[i].isDone()) {
                            last[i] = clients.get(i).sendBinary(ByteBuffer.wrap(payload()), true);
                        }
                    } else {
                        SinkServer.Peer p = sinks.get(i - pairs);
                        back.execute(() -> {
                            try {
                                p.send(payload());
                            } catch (IOException e) {
                                // gone
                            }
                        });
                    }
                });
            } else {
                for (int i = 0; i < pairs; i++) {
                    flood(clients.get(i));
                }
            }
            measure("target=nginx", null);
            setup.shutdownNow();
        }
    }

    // ---- through the bare relay on the gateway's own server

    /** Bytes sent on each pair and not arrived yet: the window a flat-out sender keeps, as credit does. */
    private static final long WINDOW_BYTES = 4L << 20;

    private void bare(URI base) throws Exception {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        AtomicLong[] inFlight = new AtomicLong[pairs];
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            AtomicLong window = inFlight[i] = new AtomicLong();
            for (String side : List.of("a", "b")) {
                opening.add(http.newWebSocketBuilder().buildAsync(URI.create(base + "/" + i + "/" + side), new WholeMessages(m -> {
                    window.addAndGet(-m.length);
                    arrived(m);
                })));
                if (opening.size() % 64 == 0) {
                    CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                }
            }
        }
        List<WebSocket> sockets = new ArrayList<>();
        for (CompletableFuture<WebSocket> f : opening) {
            sockets.add(f.get(60, TimeUnit.SECONDS));
        }
        System.out.printf("SETUP %d WebSocket pairs through the bare relay in %.1f s%n", pairs, (System.nanoTime() - began) / 1e9);
        // sockets: pair i has side a at 2i, side b at 2i + 1
        CompletableFuture<?>[] last = new CompletableFuture<?>[2 * pairs];
        Arrays.fill(last, CompletableFuture.completedFuture(null));
        if (rate > 0) {
            paced(2 * pairs, i -> {
                int socket = i < pairs ? 2 * i : 2 * (i - pairs) + 1;
                if (last[socket].isDone()) {
                    last[socket] = sockets.get(socket).sendBinary(ByteBuffer.wrap(payload()), true);
                }
            });
        } else {
            Thread t = new Thread(() -> {
                while (running) {
                    boolean any = false;
                    for (int i = 0; i < pairs; i++) {
                        if (last[2 * i].isDone() && inFlight[i].get() < WINDOW_BYTES) {
                            inFlight[i].addAndGet(size);
                            last[2 * i] = sockets.get(2 * i).sendBinary(ByteBuffer.wrap(payload()), true);
                            any = true;
                        }
                    }
                    if (!any) {
                        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                    }
                }
            }, "flood");
            t.setDaemon(true);
            t.start();
        }
        measure("target=bare", () -> heap(args.get("server-pid")));
    }

    private void flood(WebSocket ws) {
        if (!running) {
            return;
        }
        ws.sendBinary(ByteBuffer.wrap(payload()), true).thenRun(() -> flood(ws));
    }

    private static void waitForUpstream(URI nginxUrl) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket(nginxUrl.getHost(), nginxUrl.getPort())) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx is not listening at " + nginxUrl);
    }
}
