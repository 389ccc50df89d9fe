package io.deskside.host.screen;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.screen.Capture;
import io.deskside.protocol.desktop.screen.ScreenEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers the Guest's screen update requests, on its own thread ("deskside-screen"). It holds at
 * most one request: a newer one replaces the one waiting (PROTOCOL.md, "The screen"). An
 * incremental request with nothing changed is parked, and the screen is captured again 40 ms
 * after the last capture until something changed or a newer request came. Answers go out through
 * the session, waiting for room, so the link paces the captures.
 *
 * <p>Nothing is captured before {@link #start}: the owner starts it only once the end user has
 * allowed access and the keys are agreed.
 */
public final class ScreenService implements AutoCloseable {

    /** How the parts of an answer leave: a desktop session's {@code send(message, wait)}. */
    public interface Sender {
        /** False when the message was not queued: the wait ran out, or the session is over. */
        boolean send(DesktopMessage message, Duration wait) throws InterruptedException;

        /** Whether the session is over; a send that failed while it is not only waited too long. */
        boolean isOver();
    }

    /** At most 25 captures a second while a request is parked. */
    public static final Duration RECAPTURE_INTERVAL = Duration.ofMillis(40);
    /** How long one part may wait for room on the link before the session counts as stuck. */
    public static final Duration SEND_WAIT = Duration.ofSeconds(10);
    /** After a capture failed (the desktop locked, say), try again this much later. */
    static final Duration CAPTURE_RETRY = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(ScreenService.class.getName());

    private final ScreenCapture capture;
    private final Sender sender;
    private final ScreenEncoder encoder = new ScreenEncoder();
    private final Object lock = new Object();
    private UpdateRequest pending;
    private long notBeforeNanos;
    private boolean closed;
    private Thread thread;
    /** Only on the screen thread: whether the first answer went out (its moments are marked for the timings). */
    private boolean answeredOnce;
    /** Only on the screen thread: the head start's layout and full picture, until the first request takes them. */
    private List<DesktopMessage> ahead;
    /** The request id the head start is encoded for; replaced by the real one. */
    static final long HEAD_START_ID = 0;

    public ScreenService(ScreenCapture capture, Sender sender) {
        this.capture = Objects.requireNonNull(capture, "capture");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.notBeforeNanos = System.nanoTime();
    }

    /** Starts answering; requests that came before are answered now. */
    public void start() {
        synchronized (lock) {
            if (thread != null || closed) {
                return;
            }
            thread = new Thread(this::serve, "deskside-screen");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** The Guest's newest request: it replaces one not yet answered, parked or not. */
    public void request(UpdateRequest request) {
        Objects.requireNonNull(request, "request");
        synchronized (lock) {
            pending = request;
            lock.notifyAll();
        }
    }

    private void serve() {
        try {
            try {
                capture.prepare();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Not ready to capture yet; the first request tries again", e);
            }
            headStart();
            while (true) {
                UpdateRequest request = next();
                if (request == null) {
                    return;
                }
                if (!answer(request)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            encoder.close();
        }
    }

    /** Waits for a request, and for the capture interval to pass; null once closed. */
    private UpdateRequest next() throws InterruptedException {
        synchronized (lock) {
            while (!closed) {
                long wait = notBeforeNanos - System.nanoTime();
                if (pending != null && wait <= 0) {
                    UpdateRequest r = pending;
                    pending = null;
                    return r;
                }
                if (pending == null) {
                    lock.wait();
                } else {
                    lock.wait(Math.max(1, wait / 1_000_000));
                }
            }
            return null;
        }
    }

    /** Answers one request, or parks it; false when the session can take no more. */
    private boolean answer(UpdateRequest request) throws InterruptedException {
        boolean first = !answeredOnce;
        if (first) {
            io.deskside.host.Timing.mark("request");
        }
        List<DesktopMessage> ready = ahead;
        ahead = null;
        if (ready != null) {
            List<DesktopMessage> layouts = ready.stream().filter(m -> !(m instanceof ScreenUpdate)).toList();
            if (answersFromTheStart(request, ready)) {
                return send(restamped(ready, request.id()), first);
            }
            // Another question (a scale, a region): the layout the encoder counted as sent goes now, the picture not.
            if (!send(layouts, false)) {
                return false;
            }
        }
        Capture frame;
        try {
            frame = capture.capture();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The screen could not be captured; trying again", e);
            park(request, CAPTURE_RETRY);
            return true;
        }
        if (first) {
            io.deskside.host.Timing.mark("captured");
        }
        List<DesktopMessage> parts = encode(request, frame);
        if (first) {
            io.deskside.host.Timing.mark("encoded");
        }
        if (parts.isEmpty()) {
            park(request, RECAPTURE_INTERVAL);
            return true;
        }
        return send(parts, first);
    }

    /** Sends an answer's parts in order, waiting for room; false when the session can take no more. */
    private boolean send(List<DesktopMessage> parts, boolean first) throws InterruptedException {
        synchronized (lock) {
            notBeforeNanos = System.nanoTime() + RECAPTURE_INTERVAL.toNanos();
        }
        for (DesktopMessage part : parts) {
            while (!sender.send(part, SEND_WAIT)) {
                if (sender.isOver() || isClosed()) {
                    return false;
                }
                // The link stalled (a transport being replaced, a Guest slow to grant credit): a
                // half-sent update cannot be taken back, so this part waits until it goes.
                LOG.info("The screen waits for the link");
            }
        }
        if (first) {
            answeredOnce = true;
            io.deskside.host.Timing.mark("queued");
        }
        return true;
    }

    /**
     * The layout, if the monitors changed (plugged, resized, or the end user's choice: the encoder
     * then moves to a new generation and a full update), and the update, in the order they go.
     */
    private List<DesktopMessage> encode(UpdateRequest request, Capture frame) {
        List<DesktopMessage> out = new ArrayList<>();
        encoder.layout(frame.width(), frame.height(), capture.monitors(frame)).ifPresent(out::add);
        List<ScreenUpdate> update = encoder.answer(request, frame);
        if (update.isEmpty() && !out.isEmpty()) {
            throw new IllegalStateException("a new layout without an update");
        }
        out.addAll(update);
        return out;
    }

    /**
     * The head start: the Guest's first request is on its way (the keys are agreed, the end user
     * allowed), and it is almost always the whole desktop at full scale. The screen is captured
     * and encoded for that now, so the answer is ready when the request comes. A full update
     * resets the encoder's streams, so the guess costs nothing when it is wrong: only the layout
     * goes out then, and the real request is answered from a new capture.
     */
    private void headStart() {
        Capture frame;
        try {
            frame = capture.capture();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "No head start: the screen could not be captured", e);
            return;
        }
        io.deskside.host.Timing.mark("captured");
        ahead = encode(new UpdateRequest(HEAD_START_ID, 0, false, 1, 0, 0, frame.width(), frame.height()), frame);
        io.deskside.host.Timing.mark("encoded");
    }

    /** Whether the head start's full picture answers {@code request}: full scale, the whole desktop, a full update. */
    static boolean answersFromTheStart(UpdateRequest request, List<DesktopMessage> ready) {
        long generation = -1;
        int width = 0;
        int height = 0;
        for (DesktopMessage m : ready) {
            if (m instanceof DesktopMessage.Layout l) {
                generation = l.generation();
                width = l.width();
                height = l.height();
            }
        }
        boolean full = !request.incremental() || request.layoutGeneration() != generation;
        return generation >= 0 && full && request.scale() == 1 && request.x() == 0 && request.y() == 0 && request.w() >= width
                && request.h() >= height;
    }

    /** The head start's parts as the answer to request {@code id}. */
    static List<DesktopMessage> restamped(List<DesktopMessage> ready, long id) {
        List<DesktopMessage> out = new ArrayList<>(ready.size());
        for (DesktopMessage m : ready) {
            out.add(m instanceof ScreenUpdate u ? new ScreenUpdate(id, u.layoutGeneration(), u.scale(), u.part(), u.finalPart(), u.zlibReset(), u.rects())
                    : m);
        }
        return out;
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Keeps the request for another capture later, unless a newer one came meanwhile. */
    private void park(UpdateRequest request, Duration later) {
        synchronized (lock) {
            notBeforeNanos = System.nanoTime() + later.toNanos();
            if (pending == null) {
                pending = request;
            }
        }
    }

    /** Stops: nothing more is captured or sent. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            pending = null;
            lock.notifyAll();
            t = thread;
        }
        if (t != null) {
            t.interrupt();
        } else {
            encoder.close();
        }
    }
}
