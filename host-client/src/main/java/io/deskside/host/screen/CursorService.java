package io.deskside.host.screen;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.CursorPosition;
import io.deskside.protocol.desktop.DesktopMessage.CursorShape;
import java.time.Duration;
import java.util.Objects;

/**
 * The end user's mouse pointer, sent apart from the screen on its own thread
 * ("deskside-cursor"), so that a move costs a few bytes instead of a re-encoded tile. The JDK
 * cannot read the system cursor's shape, so the technician sees one drawn arrow ({@link #arrow}),
 * sent once in slot 0, wherever the pointer is; then a {@link CursorPosition} each time the pointer
 * moved, polled at most {@link #POLLS_PER_SECOND} times a second.
 *
 * <p>Sending never waits: when the stream's queue is full the position is simply not sent, and the
 * newest one is tried at the next poll. Nothing is read before {@link #start}, which the session
 * calls only with VIEW in force; {@link #close} stops it for good.
 */
public final class CursorService implements AutoCloseable {

    /** How a message leaves: a desktop session's non-blocking {@code send}. */
    public interface Sender {
        boolean send(DesktopMessage message);
    }

    public static final int POLLS_PER_SECOND = 25;
    static final Duration POLL_INTERVAL = Duration.ofMillis(1000 / POLLS_PER_SECOND);
    /** The slot of the one shape. */
    static final int ARROW_SLOT = 0;

    /** The classic arrow, one row a string: B black outline, W white fill, anything else clear. */
    private static final String[] ARROW = {
        "B...........",
        "BB..........",
        "BWB.........",
        "BWWB........",
        "BWWWB.......",
        "BWWWWB......",
        "BWWWWWB.....",
        "BWWWWWWB....",
        "BWWWWWWWB...",
        "BWWWWWWWWB..",
        "BWWWWWWWWWB.",
        "BWWWWWWBBBBB",
        "BWWWBWWB....",
        "BWWBBWWB....",
        "BWB..BWWB...",
        "BB...BWWB...",
        "B.....BWWB..",
        "......BWWB..",
        ".......BB...",
    };
    private static final int BLACK = 0xFF00_0000;
    private static final int WHITE = 0xFFFF_FFFF;

    private final PointerSource pointer;
    private final Sender sender;
    private final Object lock = new Object();
    private Thread thread;
    private boolean closed;

    public CursorService(PointerSource pointer, Sender sender) {
        this.pointer = Objects.requireNonNull(pointer, "pointer");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** Starts sending the arrow and its moves; once. */
    public void start() {
        synchronized (lock) {
            if (thread != null || closed) {
                return;
            }
            thread = new Thread(this::run, "deskside-cursor");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        CursorShape shape = arrow(pointer.scale());
        boolean shapeSent = false;
        CursorPosition last = null;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (!shapeSent) {
                    shapeSent = sender.send(shape);
                }
                if (shapeSent) {
                    CursorPosition now = position(where(), last);
                    if (!now.equals(last) && sender.send(now)) {
                        last = now;
                    }
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PointerSource.At where() {
        try {
            return pointer.where();
        } catch (RuntimeException e) {
            // The desktop could not tell (a screen going away): hidden until it can again.
            return null;
        }
    }

    /** Where the Guest should show the arrow: at the pointer, or hidden where it was last seen. */
    private static CursorPosition position(PointerSource.At at, CursorPosition last) {
        if (at == null) {
            return last == null ? new CursorPosition(0, 0, false) : new CursorPosition(last.x(), last.y(), false);
        }
        int x = Math.min(at.x(), DesktopMessage.MAX_COORDINATE - 1);
        int y = Math.min(at.y(), DesktopMessage.MAX_COORDINATE - 1);
        return new CursorPosition(Math.max(0, x), Math.max(0, y), true);
    }

    /**
     * The arrow in slot 0, its tip the hot spot, drawn {@code scale} times as large in whole pixels
     * (so it stays crisp), as large as the desktop's own cursor at 150 % or 200 %.
     */
    static CursorShape arrow(double scale) {
        int times = (int) Math.max(1, Math.min(Math.round(scale), DesktopMessage.MAX_CURSOR_SIDE / ARROW.length));
        int w = ARROW[0].length() * times;
        int h = ARROW.length * times;
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            String row = ARROW[y / times];
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = switch (row.charAt(x / times)) {
                    case 'B' -> BLACK;
                    case 'W' -> WHITE;
                    default -> 0;
                };
            }
        }
        return new CursorShape(ARROW_SLOT, w, h, 0, 0, argb);
    }

    /** Stops: nothing more is read or sent. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
        }
    }
}
