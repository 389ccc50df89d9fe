package io.deskside.protocol.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.deskside.protocol.crypto.SealedChannel;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SealedStreamsTest {

    private static final int INPUT = DesktopStream.INPUT.code();
    private static final int CONTROL = DesktopStream.CONTROL.code();
    private static final int SCREEN = DesktopStream.SCREEN.code();
    private static final int CURSOR = DesktopStream.CURSOR.code();
    private static final int FILES = DesktopStream.FILES.code();
    private static final int[] ALL = {CONTROL, INPUT, SCREEN, CURSOR, FILES};
    private static final int OVERHEAD = SealedChannel.OVERHEAD_BYTES;

    /**
     * The tunnel and the peer behind it: every record is opened, in the order it is sent, with
     * the peer's channel; what it holds unwritten is written when the test says so (or at once).
     */
    static final class FakeTunnel implements SealedStreams.Tunnel {

        /** A record as the peer got it; {@code ahead}: bytes unwritten in front of it when it was sent. */
        record Arrival(int stream, byte[] plaintext, int sealedBytes, long startOffset, long ahead) {
        }

        private final SealedChannel peer;
        private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<Arrival> arrivals = new ArrayList<>();
        private final boolean writesAtOnce;
        private long unsent;
        private long sentOffset;
        private long writtenOffset;
        volatile Consumer<Arrival> receiver = a -> {
        };

        FakeTunnel(SealedChannel peer, boolean writesAtOnce) {
            this.peer = peer;
            this.writesAtOnce = writesAtOnce;
        }

        @Override
        public synchronized void send(Message m) {
            if (!(m instanceof Message.Data d)) {
                failures.add("not a DATA message: " + m);
                return;
            }
            byte[] plaintext;
            try {
                plaintext = peer.open(d.stream(), d.sealed());
            } catch (ProtocolException e) {
                if (failures.isEmpty()) {
                    failures.add("record " + (arrivals.size() + 1) + " on stream " + d.stream() + " refused: " + e.getMessage());
                }
                return;
            }
            Arrival a = new Arrival(d.stream(), plaintext, d.sealed().length, sentOffset, unsent);
            arrivals.add(a);
            sentOffset += a.sealedBytes();
            if (writesAtOnce) {
                writtenOffset += a.sealedBytes();
            } else {
                unsent += a.sealedBytes();
            }
            receiver.accept(a);
        }

        @Override
        public synchronized long unsentBytes() {
            return unsent;
        }

        @Override
        public void whenWritten(Runnable hook) {
            hooks.add(hook);
        }

        /** The link writes up to {@code bytes} of what waits; then the hooks run, as a transport's would. */
        void write(long bytes) {
            synchronized (this) {
                long n = Math.min(bytes, unsent);
                if (n == 0) {
                    return;
                }
                unsent -= n;
                writtenOffset += n;
            }
            hooks.forEach(Runnable::run);
        }

        synchronized long writtenOffset() {
            return writtenOffset;
        }

        synchronized List<Arrival> arrivals() {
            return new ArrayList<>(arrivals);
        }

        synchronized int arrived() {
            return arrivals.size();
        }
    }

    /** A peer that receives as a Host or Guest would: a {@link CreditWindow} per stream, consuming each record at once. */
    static void receiveWithWindows(FakeTunnel tunnel, SealedStreams streams, Map<Integer, Integer> windows) {
        Map<Integer, CreditWindow> credit = new HashMap<>();
        windows.forEach((stream, window) -> credit.put(stream, new CreditWindow(window)));
        tunnel.receiver = a -> {
            CreditWindow w = credit.get(a.stream());
            try {
                w.received(a.sealedBytes());
            } catch (ProtocolException e) {
                tunnel.failures.add("stream " + a.stream() + " spent more than its credit: " + e.getMessage());
                return;
            }
            int grant = w.consumed(a.sealedBytes());
            if (grant > 0) {
                streams.credit(a.stream(), grant);
            }
        };
        credit.forEach((stream, w) -> streams.credit(stream, w.initialGrant()));
    }

    private static SealedChannel[] keys() {
        byte[] agreed = new byte[32];
        new Random(42).nextBytes(agreed);
        byte[] context = "sealed streams test".getBytes(StandardCharsets.US_ASCII);
        return new SealedChannel[] {SessionKeys.derive(agreed, context).forHost(), SessionKeys.derive(agreed, context).forGuest()};
    }

    private static byte[] record(int bytes, int tag) {
        byte[] b = new byte[bytes];
        if (bytes >= 4) {
            ByteBuffer.wrap(b).putInt(tag);
        }
        return b;
    }

    private static void awaitArrivals(FakeTunnel tunnel, int count, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (tunnel.arrived() < count && tunnel.failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    @Test
    void recordsFromEightThreadsAreSealedInTheOrderTheTunnelCarriesThem() throws Exception {
        SealedChannel[] keys = keys();
        FakeTunnel tunnel = new FakeTunnel(keys[1], false);
        SealedStreams streams = new SealedStreams(keys[0], tunnel);
        Map<Integer, Integer> windows = new HashMap<>();
        for (int s : ALL) {
            windows.put(s, 256 << 10);
        }
        receiveWithWindows(tunnel, streams, windows);
        int threads = 8;
        int perThread = 400;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> offering = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            offering.add(pool.submit(() -> {
                Random random = new Random(thread);
                start.await();
                for (int i = 0; i < perThread; i++) {
                    int stream = ALL[random.nextInt(ALL.length)];
                    byte[] p = new byte[12 + random.nextInt(3000)];
                    ByteBuffer.wrap(p).putInt(thread).putInt(stream).putInt(i);
                    assertTrue(streams.offer(stream, p, Duration.ofSeconds(20)), "room in time");
                }
                return null;
            }));
        }
        Future<?> link = pool.submit(() -> {
            while (tunnel.arrived() < threads * perThread && tunnel.failures.isEmpty()) {
                tunnel.write(16 << 10);
                LockSupport.parkNanos(20_000);
            }
            return null;
        });
        start.countDown();
        for (Future<?> f : offering) {
            f.get(30, TimeUnit.SECONDS);
        }
        awaitArrivals(tunnel, threads * perThread, Duration.ofSeconds(30));
        link.get(5, TimeUnit.SECONDS);
        pool.shutdown();

        assertEquals(List.of(), tunnel.failures, "the peer opened every record in the order it arrived");
        List<FakeTunnel.Arrival> arrivals = tunnel.arrivals();
        assertEquals(threads * perThread, arrivals.size());
        Map<String, Integer> last = new HashMap<>();
        for (FakeTunnel.Arrival a : arrivals) {
            ByteBuffer b = ByteBuffer.wrap(a.plaintext());
            int thread = b.getInt();
            int stream = b.getInt();
            int i = b.getInt();
            assertEquals(stream, a.stream(), "a record arrives on the stream it was offered on");
            Integer before = last.put(thread + "/" + stream, i);
            assertTrue(before == null || before < i, "one thread's records on one stream stay in order");
        }
    }

    @Test
    void aKeyPressWaitsBehindNoMoreThanTheSendAheadOfATwoMebibyteFileBacklog() throws Exception {
        SealedChannel[] keys = keys();
        FakeTunnel tunnel = new FakeTunnel(keys[1], false);
        SealedStreams streams = new SealedStreams(keys[0], tunnel);
        receiveWithWindows(tunnel, streams, Map.of(INPUT, 64 << 10, FILES, CreditWindow.MAX_WINDOW_BYTES));
        for (int i = 0; i < 32; i++) {
            assertTrue(streams.offer(FILES, record(64 << 10, i)));
        }
        assertTrue(streams.queuedBytes(FILES) > (1 << 20), "most of the backlog waits in the streams, not the tunnel");
        Random random = new Random(3);
        List<Long> writtenAtOffer = new ArrayList<>();
        int presses = 0;
        for (int step = 0; streams.queuedBytes(FILES) > 0; step++) {
            assertTrue(step < 100_000, "the backlog drains as the link writes");
            tunnel.write(1 + random.nextInt(20_000));
            if (random.nextInt(4) == 0) {
                writtenAtOffer.add(tunnel.writtenOffset());
                assertTrue(streams.offer(INPUT, record(20, 1_000_000 + presses++)));
            }
        }
        tunnel.write(Long.MAX_VALUE);
        tunnel.write(Long.MAX_VALUE);
        assertEquals(List.of(), tunnel.failures);
        assertTrue(presses > 20, "key presses while the backlog drained: " + presses);

        List<FakeTunnel.Arrival> inputs = tunnel.arrivals().stream().filter(a -> a.stream() == INPUT).toList();
        assertEquals(presses, inputs.size());
        long worst = 0;
        for (int k = 0; k < presses; k++) {
            long ahead = inputs.get(k).startOffset() - writtenAtOffer.get(k);
            worst = Math.max(worst, ahead);
            assertTrue(ahead <= SealedStreams.SEND_AHEAD_BYTES,
                    "key press " + k + " had " + ahead + " bytes to wait for, more than " + SealedStreams.SEND_AHEAD_BYTES);
        }
        assertTrue(worst > 0, "the key presses did wait behind file data (else this test shows nothing)");
        long fileBytes = tunnel.arrivals().stream().filter(a -> a.stream() == FILES).mapToLong(FakeTunnel.Arrival::sealedBytes).sum();
        assertEquals(32L * ((64 << 10) + OVERHEAD), fileBytes, "the whole backlog went");
    }

    @Test
    void noStreamEverSpendsMoreCreditThanItsReceiverGranted() throws Exception {
        SealedChannel[] keys = keys();
        FakeTunnel tunnel = new FakeTunnel(keys[1], true);
        SealedStreams streams = new SealedStreams(keys[0], tunnel);
        // A slow receiver: credit comes back only when the test consumes, so it does run short.
        Map<Integer, CreditWindow> windows = new HashMap<>();
        int[] sizes = {4 << 10, 8 << 10, 20 << 10, 6 << 10, 32 << 10};
        for (int i = 0; i < ALL.length; i++) {
            windows.put(ALL[i], new CreditWindow(sizes[i]));
        }
        Map<Integer, Long> granted = new HashMap<>();
        Map<Integer, Long> spent = new HashMap<>();
        List<FakeTunnel.Arrival> unconsumed = Collections.synchronizedList(new ArrayList<>());
        tunnel.receiver = a -> {
            spent.merge(a.stream(), (long) a.sealedBytes(), Long::sum);
            try {
                windows.get(a.stream()).received(a.sealedBytes());
            } catch (ProtocolException e) {
                tunnel.failures.add("stream " + a.stream() + ": " + e.getMessage());
            }
            unconsumed.add(a);
        };
        windows.forEach((stream, w) -> {
            int g = w.initialGrant();
            granted.merge(stream, (long) g, Long::sum);
            streams.credit(stream, g);
        });
        Random random = new Random(11);
        int offered = 0;
        for (int round = 0; round < 4000; round++) {
            int i = random.nextInt(ALL.length);
            int largest = sizes[i] * 3 / 4 - OVERHEAD;
            if (streams.offer(ALL[i], record(1 + random.nextInt(largest), round))) {
                offered++;
            }
            while (!unconsumed.isEmpty() && random.nextInt(3) > 0) {
                FakeTunnel.Arrival a;
                synchronized (tunnel) {
                    a = unconsumed.remove(random.nextInt(unconsumed.size()));
                }
                int grant;
                synchronized (tunnel) {
                    grant = windows.get(a.stream()).consumed(a.sealedBytes());
                    granted.merge(a.stream(), (long) grant, Long::sum);
                }
                streams.credit(a.stream(), grant);
            }
        }
        assertEquals(List.of(), tunnel.failures);
        for (int s : ALL) {
            synchronized (tunnel) {
                assertTrue(spent.getOrDefault(s, 0L) <= granted.get(s), "stream " + s + " spent " + spent.get(s) + " of " + granted.get(s));
            }
        }
        assertTrue(tunnel.arrived() > offered / 2, "most records went as credit came back: " + tunnel.arrived() + " of " + offered);
    }

    @Test
    void creditBeyondTheGatewaysFourMebibytesIsNotBelieved() {
        SealedChannel[] keys = keys();
        FakeTunnel tunnel = new FakeTunnel(keys[1], true);
        SealedStreams streams = new SealedStreams(keys[0], tunnel);
        streams.credit(FILES, 3 << 20);
        streams.credit(FILES, 3 << 20); // the gateway clips this to 4 MiB outstanding
        int record = (64 << 10) - OVERHEAD;
        for (int i = 0; i < 65; i++) {
            assertTrue(streams.offer(FILES, record(record, i)));
        }
        assertEquals(64, tunnel.arrived(), "64 records of 64 KiB sealed are 4 MiB: the 65th waits");
        streams.credit(FILES, 64 << 10);
        assertEquals(65, tunnel.arrived());
    }

    @Test
    void filesGetAQuarterOfWhatTheScreenLeavesEvenWhenTheScreenIsAlwaysBusy() {
        SealedChannel[] keys = keys();
        FakeTunnel tunnel = new FakeTunnel(keys[1], false);
        SealedStreams streams = new SealedStreams(keys[0], tunnel);
        for (int i = 0; i < 40; i++) {
            assertTrue(streams.offer(SCREEN, record(100_000, i)));
            assertTrue(streams.offer(FILES, record(65_553, i)));
        }
        receiveWithWindows(tunnel, streams, Map.of(SCREEN, 2 << 20, FILES, 2 << 20));
        for (int step = 0; streams.queuedBytes(SCREEN) > 0 && streams.queuedBytes(FILES) > 0; step++) {
            assertTrue(step < 100_000, "the queues drain as the link writes");
            tunnel.write(32 << 10);
        }
        assertEquals(List.of(), tunnel.failures);
        // From the first chunk on (before it, the screen had the link while files had no credit):
        long screen = 0;
        long files = 0;
        long gap = 0;
        long longestGap = 0;
        boolean started = false;
        for (FakeTunnel.Arrival a : tunnel.arrivals()) {
            if (a.stream() == SCREEN) {
                gap += a.sealedBytes();
                screen += started ? a.sealedBytes() : 0;
            } else {
                longestGap = Math.max(longestGap, gap);
                gap = 0;
                started = true;
                files += a.sealedBytes();
            }
            if (screen + files > (2 << 20)) {
                double ratio = (double) screen / files;
                assertTrue(ratio > 2.5 && ratio < 3.5, "screen to files " + ratio + " after " + (screen + files) + " bytes");
            }
        }
        double ratio = (double) screen / files;
        assertTrue(ratio > 2.7 && ratio < 3.3, "screen to files " + ratio + " over " + (screen + files) + " bytes");
        assertTrue(longestGap <= 9 * SealedStreams.SHARE_QUANTUM_BYTES, "files waited behind " + longestGap + " bytes of screen");
        assertTrue(files > 1_000_000, "files moved while the screen was busy: " + files);
    }

    @Test
    void aRecordWaitsForCreditAndGoesWhenItComesWithoutHoldingUpOtherStreams() {
        SealedChannel[] keys = keys();
        FakeTunnel tunnel = new FakeTunnel(keys[1], true);
        SealedStreams streams = new SealedStreams(keys[0], tunnel);
        byte[] update = record(2000, 1);
        streams.credit(SCREEN, 1000);
        assertTrue(streams.offer(SCREEN, update));
        assertEquals(0, tunnel.arrived(), "1000 bytes of credit do not cover a 2024-byte record");
        assertEquals(2000, streams.queuedBytes(SCREEN));

        streams.credit(FILES, 100);
        assertTrue(streams.offer(FILES, record(50, 2)));
        assertEquals(1, tunnel.arrived(), "a file record with credit is not held up by the screen's wait");

        streams.credit(SCREEN, 1023);
        assertEquals(1, tunnel.arrived(), "one byte short");
        streams.credit(SCREEN, 1);
        assertEquals(2, tunnel.arrived());
        FakeTunnel.Arrival a = tunnel.arrivals().get(1);
        assertEquals(SCREEN, a.stream());
        assertArrayEquals(update, a.plaintext());
        assertEquals(0, streams.queuedBytes(SCREEN));
        assertEquals(List.of(), tunnel.failures);
    }

    @Test
    void inputGoesBeforeControlBeforeCursorBeforeTheScreen() {
        SealedChannel[] keys = keys();
        FakeTunnel tunnel = new FakeTunnel(keys[1], false);
        SealedStreams streams = new SealedStreams(keys[0], tunnel);
        for (int s : ALL) {
            streams.credit(s, 1 << 20);
        }
        assertTrue(streams.offer(SCREEN, record(SealedStreams.SEND_AHEAD_BYTES, 0))); // fills the tunnel
        assertTrue(streams.offer(SCREEN, record(100, 1)));
        assertTrue(streams.offer(CURSOR, record(100, 2)));
        assertTrue(streams.offer(CONTROL, record(100, 3)));
        assertTrue(streams.offer(INPUT, record(100, 4)));
        assertEquals(1, tunnel.arrived(), "nothing more while the tunnel holds a send-ahead's worth");
        tunnel.write(Long.MAX_VALUE);
        List<Integer> order = tunnel.arrivals().stream().map(FakeTunnel.Arrival::stream).toList();
        assertEquals(List.of(SCREEN, INPUT, CONTROL, CURSOR, SCREEN), order);
    }

    @Test
    void aFullQueueRefusesOrMakesTheCallerWaitAndClosingDropsIt() throws Exception {
        SealedChannel[] keys = keys();
        FakeTunnel tunnel = new FakeTunnel(keys[1], true);
        SealedStreams streams = new SealedStreams(keys[0], tunnel, 10_000);
        assertTrue(streams.offer(FILES, record(20_000, 0)), "an empty queue takes one record, whatever its size");
        assertFalse(streams.offer(FILES, record(1, 1)), "no credit, so the queue stays full");
        assertFalse(streams.offer(FILES, record(1, 1), Duration.ofMillis(20)), "still full after the wait");
        assertTrue(streams.offer(INPUT, record(1, 2)), "each stream has its own bound");

        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Boolean> waiting = pool.submit(() -> streams.offer(FILES, record(5_000, 3), Duration.ofSeconds(10)));
        Thread.sleep(50);
        assertFalse(waiting.isDone(), "waits for room");
        streams.credit(FILES, 20_000 + OVERHEAD);
        assertTrue(waiting.get(5, TimeUnit.SECONDS), "room came when the first record went");
        assertEquals(1, tunnel.arrived());
        assertEquals(5_000, streams.queuedBytes(FILES));

        Future<Boolean> closed = pool.submit(() -> streams.offer(FILES, record(9_000, 4), Duration.ofSeconds(10)));
        Thread.sleep(50);
        streams.close();
        assertFalse(closed.get(5, TimeUnit.SECONDS), "closing ends the wait");
        assertEquals(0, streams.queuedBytes(FILES), "closing drops what waits");
        assertFalse(streams.offer(INPUT, record(1, 5)));
        streams.credit(FILES, 1 << 20);
        assertEquals(1, tunnel.arrived(), "nothing goes after closing");
        pool.shutdown();
        if (!tunnel.failures.isEmpty()) {
            fail(tunnel.failures.toString());
        }
    }
}
