package io.deskside.host.ui;

import io.deskside.host.input.HostWindows;
import io.deskside.host.screen.SharedScreens;
import java.awt.AWTEvent;
import java.awt.Dialog;
import java.awt.KeyboardFocusManager;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.Window;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.SwingUtilities;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the Host's windows are and whether one has the focus, as the input thread reads it: a
 * snapshot the EDT refreshes on every window, component and focus event of this process (every
 * window of the Host process is a Host window, except the technician's {@link AnnotationPointer},
 * which must not block their own input). A modal dialog that is showing (the consent dialog)
 * counts as focused, and so does the moment after a Host window lost the focus.
 */
final class WindowWatch implements HostWindows {

    /** Keys stay blocked this long after a Host window lost the focus. */
    static final Duration AFTER_FOCUS = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(WindowWatch.class.getName());

    private volatile List<Rectangle> bounds = List.of();
    private volatile boolean active;
    private volatile long inactiveSinceNanos = System.nanoTime() - AFTER_FOCUS.toNanos();

    /** Starts watching; on the EDT. */
    void start() {
        // Later, not now: a listener hears a focus event before the focus manager has acted on it,
        // and a snapshot taken then can keep a window active that just lost the focus, with no
        // further event to correct it (the technician's keys refused for good; seen at 200 %).
        Toolkit.getDefaultToolkit().addAWTEventListener(e -> SwingUtilities.invokeLater(this::refresh),
                AWTEvent.WINDOW_EVENT_MASK | AWTEvent.WINDOW_FOCUS_EVENT_MASK | AWTEvent.COMPONENT_EVENT_MASK);
        refresh();
    }

    private void refresh() {
        List<Rectangle> now = new ArrayList<>();
        boolean modalShowing = false;
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && !AnnotationPointer.isAnnotation(w)) {
                now.add(w.getBounds());
                modalShowing |= w instanceof Dialog d && d.isModal();
            }
        }
        bounds = List.copyOf(now);
        Window activeWindow = KeyboardFocusManager.getCurrentKeyboardFocusManager().getActiveWindow();
        boolean nowActive = modalShowing || activeWindow != null;
        if (nowActive != active && LOG.isLoggable(Level.FINE)) {
            String why = modalShowing ? "a modal dialog shows" : activeWindow != null ? "\"" + title(activeWindow) + "\" is active" : "none active";
            LOG.log(Level.FINE, "Host windows {0} the focus: {1}", new Object[] {nowActive ? "have" : "lost", why});
        }
        if (active && !nowActive) {
            inactiveSinceNanos = System.nanoTime();
        }
        active = nowActive;
    }

    private static String title(Window w) {
        return w instanceof java.awt.Frame f ? f.getTitle() : w instanceof Dialog d ? d.getTitle() : w.getClass().getSimpleName();
    }

    @Override
    public boolean covers(int x, int y) {
        // Input comes in the shared desktop's device pixels; windows are placed in user space
        // (smaller on a scaled monitor): the point is mapped as the input maps it, at the time of asking.
        Point user = SharedScreens.SYSTEM.geometry().toUser(x, y);
        if (user == null) {
            return false;
        }
        for (Rectangle r : bounds) {
            if (r.contains(user)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean focused() {
        return active || System.nanoTime() - inactiveSinceNanos < AFTER_FOCUS.toNanos();
    }
}
