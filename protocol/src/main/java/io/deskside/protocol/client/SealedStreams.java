package io.deskside.protocol.client;

import io.deskside.protocol.crypto.SealedChannel;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.Message;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending half of a session's desktop streams: what a Host or Guest says goes in here as
 * plaintext, and comes out sealed, as DATA on the tunnel, when its stream has credit and its
 * turn has come. The channel has one sequence counter for all streams and the peer accepts only
 * the next number, so records are sealed here, at the moment they are sent, under one lock:
 * the order they are sealed in is the order the tunnel carries them.
 *
 * <p>Whose turn: INPUT, then CONTROL, then CURSOR, each before anything of the next; then SCREEN
 * and FILES share what is left by deficit round robin, 3 bytes of screen to 1 of files, so a busy
 * screen never starves a download. A stream whose next record needs more credit than the peer
 * granted is passed over until {@link #credit} brings it. And little goes ahead of a key press:
 * a record is handed to the tunnel only while what waits there unwritten stays within
 * {@link #SEND_AHEAD_BYTES} (or the tunnel has nothing waiting), so a file backlog waits here,
 * behind the priorities, not in the tunnel in front of them. The queue moves on every offer,
 * every credit, and whenever the tunnel writes.
 *
 * <p>What waits here is bounded per stream ({@link #QUEUE_BYTES} of plaintext; one record is
 * always taken into an empty queue). {@link #offer(int, byte[])} never waits: it says false when
 * the stream's queue is full, for callers on the tunnel's own thread (waiting there would hold
 * up the credit that makes room) and for those that would rather drop or cancel than wait.
 * {@link #offer(int, byte[], Duration)} waits for room: for a screen encoder or a file sender on
 * its own thread, which is thereby paced by the link. Thread-safe.
 */
public final class SealedStreams implements AutoCloseable {

    /** About the most the tunnel may hold unwritten before a record goes: 0.5 s at 2 Mbit/s. */
    public static final int SEND_AHEAD_BYTES = 128 << 10;
    /** What may wait here per stream, in plaintext bytes. */
    public static final int QUEUE_BYTES = 4 << 20;
    /** The largest plaintext record: sealed, it fills a frame. */
    public static final int MAX_RECORD_BYTES = Frame.MAX_PAYLOAD_BYTES - SealedChannel.OVERHEAD_BYTES;
    /** Files' share of a round between SCREEN and FILES; the screen's is three times this. */
    static final int SHARE_QUANTUM_BYTES = 64 << 10;

    /** Where sealed records go: a {@link GatewayTunnel}, or a test's stand-in. */
    public interface Tunnel {

        /** Queues a message after all sent before; must not wait for the network. */
        void send(Message m);

        /** What was sent and waits to be written: it goes out before anything sent now. */
        long unsentBytes();

        /** Runs {@code hook} whenever {@link #unsentBytes} may have fallen; it must be quick. */
        void whenWritten(Runnable hook);
    }

    /** One stream's queue of plaintext, and the credit and share it has. */
    private static final class Lane {
        final int stream;
        final int quantum;
        final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        long queuedBytes;
        long credit;
        long deficit;

        Lane(DesktopStream stream, int quantum) {
            this.stream = stream.code();
            this.quantum = quantum;
        }

        /** The credit the head record spends: its sealed length, as the gateway counts it. */
        int headCost() {
            return queue.peek().length + SealedChannel.OVERHEAD_BYTES;
        }

        boolean ready() {
            return !queue.isEmpty() && headCost() <= credit;
        }
    }

    private final SealedChannel channel;
    private final Tunnel tunnel;
    private final int queueBytes;
    private final Lane[] byStream = new Lane[64];
    private final Lane[] strict;
    private final Lane[] shared;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    /** Pumps asked for and not yet done: whoever takes it from 0 pumps until it is 0 again. */
    private final AtomicInteger pumpsWanted = new AtomicInteger();
    private int turn;
    private boolean closed;

    /** Seals with the sending half of {@code channel}, which nothing else may use to seal. */
    public SealedStreams(SealedChannel channel, Tunnel tunnel) {
        this(channel, tunnel, QUEUE_BYTES);
    }

    SealedStreams(SealedChannel channel, Tunnel tunnel, int queueBytes) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.tunnel = Objects.requireNonNull(tunnel, "tunnel");
        this.queueBytes = queueBytes;
        Lane input = lane(DesktopStream.INPUT, 0);
        Lane control = lane(DesktopStream.CONTROL, 0);
        Lane cursor = lane(DesktopStream.CURSOR, 0);
        Lane screen = lane(DesktopStream.SCREEN, 3 * SHARE_QUANTUM_BYTES);
        Lane files = lane(DesktopStream.FILES, SHARE_QUANTUM_BYTES);
        this.strict = new Lane[] {input, control, cursor};
        this.shared = new Lane[] {screen, files};
        tunnel.whenWritten(this::pump);
    }

    private Lane lane(DesktopStream stream, int quantum) {
        Lane l = new Lane(stream, quantum);
        byStream[stream.code()] = l;
        return l;
    }

    /**
     * Queues a record for {@code stream}, never waiting; false, queueing nothing, when the
     * stream's queue is full or these streams are closed.
     */
    public boolean offer(int stream, byte[] plaintext) {
        Lane l = laneFor(stream, plaintext);
        lock.lock();
        try {
            if (closed || !fits(l, plaintext)) {
                return false;
            }
            add(l, plaintext);
        } finally {
            lock.unlock();
        }
        pump();
        return true;
    }

    /**
     * Queues a record for {@code stream}, waiting up to {@code wait} for room in its queue; false
     * when none came in time or these streams are closed. Never on the tunnel's thread: the credit
     * that makes room comes in there.
     */
    public boolean offer(int stream, byte[] plaintext, Duration wait) throws InterruptedException {
        Lane l = laneFor(stream, plaintext);
        long nanos = wait.toNanos();
        lock.lockInterruptibly();
        try {
            while (!closed && !fits(l, plaintext)) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = room.awaitNanos(nanos);
            }
            if (closed) {
                return false;
            }
            add(l, plaintext);
        } finally {
            lock.unlock();
        }
        pump();
        return true;
    }

    private Lane laneFor(int stream, byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        Lane l = stream >= 0 && stream < byStream.length ? byStream[stream] : null;
        if (l == null) {
            throw new IllegalArgumentException("stream " + stream + " is not a desktop stream");
        }
        if (plaintext.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("a record of " + plaintext.length + " bytes; at most " + MAX_RECORD_BYTES);
        }
        return l;
    }

    private boolean fits(Lane l, byte[] plaintext) {
        return l.queue.isEmpty() || l.queuedBytes + plaintext.length <= queueBytes;
    }

    private void add(Lane l, byte[] plaintext) {
        l.queue.add(plaintext);
        l.queuedBytes += plaintext.length;
    }

    /**
     * The peer granted {@code bytes} more on {@code stream} (a {@link Message.Credit}). Like the
     * gateway, what is outstanding stops at 4 MiB. Credit on a stream not sent on here is ignored.
     */
    public void credit(int stream, long bytes) {
        Lane l = stream >= 0 && stream < byStream.length ? byStream[stream] : null;
        if (l == null || bytes <= 0) {
            return;
        }
        lock.lock();
        try {
            l.credit = Math.min(l.credit + bytes, CreditWindow.MAX_WINDOW_BYTES);
        } finally {
            lock.unlock();
        }
        pump();
    }

    /** Plaintext bytes waiting here on {@code stream}. */
    public long queuedBytes(int stream) {
        lock.lock();
        try {
            Lane l = stream >= 0 && stream < byStream.length ? byStream[stream] : null;
            return l == null ? 0 : l.queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Drops what waits here; later offers are refused. The tunnel stays open: it is the caller's. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Lane l : byStream) {
                if (l != null) {
                    l.queue.clear();
                    l.queuedBytes = 0;
                }
            }
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends what may go now. Any thread may ask, at any time, without waiting for another that
     * is pumping: that one pumps again for it. So the tunnel's hook never waits on this lock
     * behind a pump that is itself waiting to hand a frame to that tunnel.
     */
    private void pump() {
        if (pumpsWanted.getAndIncrement() > 0) {
            return;
        }
        int wanted = 1;
        do {
            lock.lock();
            try {
                sendWhatMayGo();
            } catch (RuntimeException e) {
                pumpsWanted.set(0);
                throw e;
            } finally {
                lock.unlock();
            }
            wanted = pumpsWanted.addAndGet(-wanted);
        } while (wanted != 0);
    }

    private void sendWhatMayGo() {
        boolean sent = false;
        while (!closed) {
            Lane l = next();
            if (l == null) {
                break;
            }
            int cost = l.headCost();
            long unsent = tunnel.unsentBytes();
            if (unsent > 0 && unsent + cost > SEND_AHEAD_BYTES) {
                break; // the tunnel's hook pumps again once it has written some
            }
            byte[] plaintext = l.queue.poll();
            l.queuedBytes -= plaintext.length;
            l.credit -= cost;
            if (l.quantum > 0) {
                l.deficit -= cost;
            }
            byte[] sealed = channel.seal(l.stream, plaintext);
            try {
                tunnel.send(new Message.Data(l.stream, sealed));
            } catch (RuntimeException e) {
                // Sealed and not sent: the peer would refuse every later record. Nothing more goes.
                close();
                throw e;
            }
            sent = true;
        }
        if (sent) {
            room.signalAll();
        }
    }

    /** The stream whose head goes next: the first ready by priority, else the shared lanes' turn; null if none. */
    private Lane next() {
        for (Lane l : strict) {
            if (l.ready()) {
                return l;
            }
        }
        if (!shared[0].ready() && !shared[1].ready()) {
            return null;
        }
        // Deficit round robin: a visit gives a lane its quantum and lasts while its head fits what it has.
        for (;;) {
            Lane l = shared[turn];
            if (l.ready() && l.deficit >= l.headCost()) {
                return l;
            }
            if (!l.ready()) {
                l.deficit = 0; // a lane that cannot send does not save up
            }
            turn = 1 - turn;
            Lane other = shared[turn];
            if (other.ready()) {
                other.deficit += other.quantum;
            }
        }
    }
}
