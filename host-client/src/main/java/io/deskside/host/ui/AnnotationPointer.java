package io.deskside.host.ui;

import io.deskside.host.screen.SharedScreens;
import io.deskside.host.session.Annotations;
import io.deskside.protocol.desktop.DesktopMessage.Annotation;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Window;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JComponent;
import javax.swing.JWindow;
import javax.swing.RootPaneContainer;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * The technician's pointer on the end user's screen (ANNOTATE): a bright arrow with a dark
 * outline, so it shows on any background, its tip where the technician points; a ring that grows
 * for {@link #PULSE_MILLIS} around the spot on a pulse. Each is a small shaped window, always on
 * top and never focusable, so the end user's typing and clicking elsewhere go where they went;
 * being on the screen, it is in the capture too, and the technician sees it where the end user
 * does. {@link WindowWatch} does not count these windows as the Host's: the technician's own
 * clicks may land under the arrow.
 *
 * <p>Annotations come on the input thread; the newest waiting one is all the EDT draws (a flood
 * of moves makes one move), and a pulse is kept apart so that a move right after it does not
 * swallow it. The windows are made at the first annotation and disposed when the session ends.
 */
public final class AnnotationPointer implements Annotations {

    /** The client property that marks the windows as annotation, not a Host window to keep input out of. */
    static final String MARK = "deskside.annotation";
    static final int PULSE_MILLIS = 600;
    private static final int PULSE_STEP_MILLIS = 30;
    /** The ring, in user space: from this radius to the largest, this thick. */
    private static final int RING_FIRST_RADIUS = 6;
    private static final int RING_LAST_RADIUS = 40;
    private static final int RING_WIDTH = 5;
    private static final Color FILL = new Color(0xFF, 0x45, 0x00);
    private static final Color OUTLINE = new Color(0x1A, 0x1A, 0x1A);
    /** Twice the outline seen: the window's shape cuts off the outer half of the stroke. */
    private static final float OUTLINE_STROKE = 4f;

    private final SharedScreens screens;
    private final AtomicReference<Annotation> latest = new AtomicReference<>();
    private final AtomicReference<Annotation> pulse = new AtomicReference<>();
    private final AtomicBoolean drawing = new AtomicBoolean();
    private JWindow arrow;
    private JWindow ring;
    private Timer ringTimer;

    /** On the system's desktop. */
    public AnnotationPointer() {
        this(SharedScreens.SYSTEM);
    }

    /** On {@code screens}: the technician's desktop point is placed where the capture took it from. */
    public AnnotationPointer(SharedScreens screens) {
        this.screens = Objects.requireNonNull(screens, "screens");
    }

    @Override
    public void show(Annotation annotation) {
        if (annotation.mode() == Annotation.Mode.PULSE) {
            pulse.set(annotation);
        }
        latest.set(annotation);
        if (!drawing.getAndSet(true)) {
            SwingUtilities.invokeLater(this::draw);
        }
    }

    @Override
    public void sessionEnded() {
        SwingUtilities.invokeLater(() -> {
            latest.set(null);
            pulse.set(null);
            if (ringTimer != null) {
                ringTimer.stop();
                ringTimer = null;
            }
            for (Window w : new Window[] {arrow, ring}) {
                if (w != null) {
                    w.dispose();
                }
            }
            arrow = null;
            ring = null;
        });
    }

    /** On the EDT: the newest annotation, and a pulse if one came. */
    private void draw() {
        drawing.set(false);
        Annotation now = latest.getAndSet(null);
        Annotation pulsed = pulse.getAndSet(null);
        if (now == null) {
            return; // the session ended meanwhile
        }
        if (now.mode() == Annotation.Mode.HIDDEN) {
            if (arrow != null) {
                arrow.setVisible(false);
            }
        } else {
            pointAt(now.x(), now.y());
        }
        if (pulsed != null) {
            pulseAt(pulsed.x(), pulsed.y());
        }
    }

    private void pointAt(int x, int y) {
        if (arrow == null) {
            Path2D shape = arrow();
            Rectangle size = shape.getBounds();
            arrow = markedWindow(size.width + 1, size.height + 1, shape, new JComponent() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void paintComponent(Graphics g) {
                    Graphics2D g2 = (Graphics2D) g.create();
                    g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g2.setColor(OUTLINE);
                    g2.fillRect(0, 0, getWidth(), getHeight());
                    g2.setColor(FILL);
                    g2.fill(shape);
                    g2.setColor(OUTLINE);
                    g2.setStroke(new BasicStroke(OUTLINE_STROKE, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g2.draw(shape);
                    g2.dispose();
                }
            });
        }
        Point tip = screens.geometry().toUser(x, y);
        if (tip == null) {
            arrow.setVisible(false); // a gap between monitors, or one not shared: nothing to point at
            return;
        }
        arrow.setLocation(tip);
        if (!arrow.isVisible()) {
            arrow.setVisible(true);
        }
    }

    private void pulseAt(int x, int y) {
        if (!perPixelShapes()) {
            return; // a square flashing instead of a ring would only confuse
        }
        int side = 2 * RING_LAST_RADIUS + 2;
        if (ring == null) {
            ring = markedWindow(side, side, ring(RING_FIRST_RADIUS, side), new JComponent() {
                private static final long serialVersionUID = 1L;

                @Override
                protected void paintComponent(Graphics g) {
                    g.setColor(FILL);
                    g.fillRect(0, 0, getWidth(), getHeight());
                }
            });
        }
        Point centre = screens.geometry().toUser(x, y);
        if (centre == null) {
            return;
        }
        ring.setLocation(centre.x - side / 2, centre.y - side / 2);
        if (ringTimer != null) {
            ringTimer.stop();
        }
        long started = System.nanoTime();
        JWindow shown = ring;
        ringTimer = new Timer(PULSE_STEP_MILLIS, e -> {
            double done = (System.nanoTime() - started) / 1e6 / PULSE_MILLIS;
            if (done >= 1 || shown != ring) {
                ((Timer) e.getSource()).stop();
                shown.setVisible(false);
                return;
            }
            shown.setShape(ring(RING_FIRST_RADIUS + done * (RING_LAST_RADIUS - RING_FIRST_RADIUS), side));
        });
        ring.setShape(ring(RING_FIRST_RADIUS, side));
        ring.setVisible(true);
        ringTimer.start();
    }

    /** A window of the annotation: on top, never focused, shaped if the desktop can, and marked for {@link WindowWatch}. */
    private static JWindow markedWindow(int width, int height, Shape shape, JComponent painted) {
        JWindow w = new JWindow();
        w.getRootPane().putClientProperty(MARK, Boolean.TRUE);
        w.setFocusableWindowState(false);
        w.setAutoRequestFocus(false);
        w.setAlwaysOnTop(true);
        w.setType(Window.Type.POPUP);
        w.setContentPane(painted);
        w.setSize(width, height);
        if (perPixelShapes()) {
            w.setShape(shape);
        }
        return w;
    }

    /** Whether {@code w} is one of the annotation's windows (which input may go into). */
    static boolean isAnnotation(Window w) {
        return w instanceof RootPaneContainer c && Boolean.TRUE.equals(c.getRootPane().getClientProperty(MARK));
    }

    private static boolean perPixelShapes() {
        return GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                .isWindowTranslucencySupported(GraphicsDevice.WindowTranslucency.PERPIXEL_TRANSPARENT);
    }

    /**
     * The arrow, in user space (Swing scales it with the desktop, so it looks the same at 200 %),
     * its tip at (0, 0): 30 wide and 40 high.
     */
    static Path2D arrow() {
        Path2D p = new Path2D.Double();
        p.moveTo(0, 0);
        p.lineTo(0, 35);
        p.lineTo(9, 27);
        p.lineTo(16, 40);
        p.lineTo(22, 37);
        p.lineTo(15, 24.5);
        p.lineTo(30, 24.5);
        p.closePath();
        return p;
    }

    /** A ring of {@code radius} (its outer edge) and {@link #RING_WIDTH}, centred in a square of {@code side}. */
    static Area ring(double radius, int side) {
        double c = side / 2.0;
        Area a = new Area(new Ellipse2D.Double(c - radius, c - radius, 2 * radius, 2 * radius));
        double inner = Math.max(0, radius - RING_WIDTH);
        a.subtract(new Area(new Ellipse2D.Double(c - inner, c - inner, 2 * inner, 2 * inner)));
        return a;
    }
}
