package io.deskside.host.screen;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import java.awt.Point;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The shared desktop as the technician sees it: the monitors the end user shares, laid out in
 * their device pixels (what the screen shows, the capture's pixels), with the origin at the
 * top-left of their union and no negative coordinate (PROTOCOL.md, "The screen"). Gaps in the
 * union are black. A pure value: {@link SharedScreens} makes a new one when the monitors or the
 * end user's choice change, and the capture, the input, the cursor and the annotation all read
 * the same one, so a point means the same place to each.
 *
 * <p><b>The layout rule.</b> Java tells each monitor in user space: on a scaled (HiDPI) monitor,
 * its bounds are its device pixels divided by its scale. A monitor's device size is its bounds
 * times its own scale. Its device position is its user-space origin times its own scale, which
 * is exactly where Windows puts it (the JDK there divides each monitor's device origin by that
 * monitor's scale) and, with one scale for all (Linux/X11), keeps the arrangement as it is,
 * gaps included. Taking the monitors left to right, then top to bottom, two more rules keep the
 * arrangement where scales differ and positions are told in points (macOS): a monitor whose
 * left edge touches a placed one's right edge in user space touches it on the desktop too (and
 * likewise its top edge with a bottom edge), so no black band opens between them; and a monitor
 * that still overlaps one placed before it moves right, to that one's right edge, unless it lies
 * below it in user space, when it moves down, to its bottom edge. Each move goes only right or
 * down, to an edge of a placed monitor, so it ends, with no two monitors overlapping. Offsets
 * along a shared edge follow each monitor's own scale. Then the whole is moved so that its
 * top-left is (0, 0).
 *
 * <p>Monitors are numbered 1, 2, … left to right, then top to bottom, as the end user sees them
 * on the desk; a monitor with the very bounds and scale of one before it is a mirror of it and
 * counted once. The end user's choice is {@link #ALL} or one monitor's number; a number that is
 * gone (a monitor unplugged) shares the primary alone, never more than was chosen. When all the
 * monitors together exceed what the protocol carries (16 monitors, 16,384 pixels a side, 2^25
 * pixels), the primary alone is shared. {@link #choice} tells what is shared in the end, which
 * is what the end user is shown.
 */
public record DesktopGeometry(int width, int height, List<Shared> shared, List<Screen> screens, int choice) {

    /** The choice that shares every monitor. */
    public static final int ALL = 0;

    /** No screen at all (a headless Host): nothing is shared, every point is off the desktop. */
    public static final DesktopGeometry NONE = new DesktopGeometry(0, 0, List.of(), List.of(), ALL);

    /**
     * One monitor as Java tells it: its device's id, its bounds in user space, its scale (2 at
     * 200 %), and whether it is the primary one.
     */
    public record Screen(String id, int x, int y, int width, int height, double scaleX, double scaleY, boolean primary) {
        public Screen {
            Objects.requireNonNull(id, "id");
            if (width < 1 || height < 1 || !(scaleX > 0) || !(scaleY > 0)) {
                throw new IllegalArgumentException("a screen of " + width + "x" + height + " at scale " + scaleX + "x" + scaleY);
            }
        }

        boolean contains(int ux, int uy) {
            return ux >= x && uy >= y && ux - x < width && uy - y < height;
        }

        int right() {
            return x + width;
        }

        int bottom() {
            return y + height;
        }

        boolean mirrors(Screen o) {
            return x == o.x && y == o.y && width == o.width && height == o.height && scaleX == o.scaleX && scaleY == o.scaleY;
        }
    }

    /** A shared monitor: its {@link Screen}, its number (1-based), and where it is on the desktop, in device pixels. */
    public record Shared(Screen screen, int number, int x, int y, int w, int h, boolean primary) {

        boolean contains(int dx, int dy) {
            return dx >= x && dy >= y && dx - x < w && dy - y < h;
        }

        boolean overlaps(int ox, int oy, int ow, int oh) {
            return ox < x + w && x < ox + ow && oy < y + h && y < oy + oh;
        }
    }

    public DesktopGeometry {
        shared = List.copyOf(shared);
        screens = List.copyOf(screens);
    }

    /** The desktop of {@code seen} (the screens in any order) when the end user chose {@code choice}. */
    public static DesktopGeometry of(List<Screen> seen, int choice) {
        List<Screen> screens = numbered(seen);
        if (screens.isEmpty()) {
            return NONE;
        }
        Screen primary = primaryOf(screens);
        if (choice == ALL) {
            DesktopGeometry all = placed(screens, screens, ALL);
            if (all.fitsTheProtocol()) {
                return all;
            }
        } else if (choice >= 1 && choice <= screens.size()) {
            return placed(screens, List.of(screens.get(choice - 1)), choice);
        }
        return placed(screens, List.of(primary), screens.indexOf(primary) + 1);
    }

    /** Mirrors dropped, then left to right, top to bottom: the order of the numbers. */
    private static List<Screen> numbered(List<Screen> seen) {
        List<Screen> kept = new ArrayList<>();
        for (Screen s : seen) {
            int mirror = indexOfMirror(kept, s);
            if (mirror < 0) {
                kept.add(s);
            } else if (s.primary() && !kept.get(mirror).primary()) {
                kept.set(mirror, s);
            }
        }
        kept.sort(Comparator.comparingInt(Screen::x).thenComparingInt(Screen::y));
        return List.copyOf(kept);
    }

    private static int indexOfMirror(List<Screen> kept, Screen s) {
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).mirrors(s)) {
                return i;
            }
        }
        return -1;
    }

    private static Screen primaryOf(List<Screen> screens) {
        return screens.stream().filter(Screen::primary).findFirst().orElse(screens.get(0));
    }

    /** {@code chosen} placed by the rule of the class comment, exactly one of them primary. */
    private static DesktopGeometry placed(List<Screen> screens, List<Screen> chosen, int choice) {
        Screen primary = chosen.stream().filter(Screen::primary).findFirst().orElse(chosen.get(0));
        List<Shared> placed = new ArrayList<>();
        for (Screen s : chosen) {
            int w = side(s.width() * s.scaleX());
            int h = side(s.height() * s.scaleY());
            long x = (long) Math.floor(s.x() * s.scaleX());
            long y = (long) Math.floor(s.y() * s.scaleY());
            for (Shared p : placed) {
                Screen o = p.screen();
                if (s.x() == o.right() && s.y() < o.bottom() && o.y() < s.bottom()) {
                    x = (long) p.x() + p.w(); // touching on its left in user space: touching on the desktop
                }
                if (s.y() == o.bottom() && s.x() < o.right() && o.x() < s.right()) {
                    y = (long) p.y() + p.h(); // touching above it
                }
            }
            for (Shared p = overlapped(placed, x, y, w, h); p != null; p = overlapped(placed, x, y, w, h)) {
                if (s.x() < p.screen().right() && s.y() >= p.screen().bottom()) {
                    y = (long) p.y() + p.h(); // below it in user space
                } else {
                    x = (long) p.x() + p.w(); // right of it (the order puts it no further left)
                }
            }
            placed.add(new Shared(s, screens.indexOf(s) + 1, (int) clamp(x), (int) clamp(y), w, h, s == primary));
        }
        long left = placed.stream().mapToLong(Shared::x).min().orElseThrow();
        long top = placed.stream().mapToLong(Shared::y).min().orElseThrow();
        List<Shared> moved = new ArrayList<>();
        long width = 0;
        long height = 0;
        for (Shared p : placed) {
            Shared m = new Shared(p.screen(), p.number(), (int) (p.x() - left), (int) (p.y() - top), p.w(), p.h(), p.primary());
            moved.add(m);
            width = Math.max(width, (long) m.x() + m.w());
            height = Math.max(height, (long) m.y() + m.h());
        }
        return new DesktopGeometry((int) Math.min(width, Integer.MAX_VALUE), (int) Math.min(height, Integer.MAX_VALUE), moved, screens, choice);
    }

    private static Shared overlapped(List<Shared> placed, long x, long y, int w, int h) {
        for (Shared p : placed) {
            if (x < Integer.MAX_VALUE && y < Integer.MAX_VALUE && p.overlaps((int) x, (int) y, w, h)) {
                return p;
            }
        }
        return null;
    }

    /** A device side: the user-space side times the scale, rounded up as the capture rounds it, at most what the protocol carries. */
    private static int side(double device) {
        return (int) Math.max(1, Math.min(Math.ceil(device - 1e-9), DesktopMessage.MAX_COORDINATE));
    }

    private static long clamp(long v) {
        return Math.max(-DesktopMessage.MAX_COORDINATE * 16L, Math.min(v, DesktopMessage.MAX_COORDINATE * 16L));
    }

    private boolean fitsTheProtocol() {
        return shared.size() <= DesktopMessage.MAX_MONITORS && width <= DesktopMessage.MAX_COORDINATE
                && height <= DesktopMessage.MAX_COORDINATE && (long) width * height <= DesktopMessage.MAX_DESKTOP_PIXELS;
    }

    /** Whether nothing is shared (no screen). */
    public boolean isEmpty() {
        return shared.isEmpty();
    }

    /** The monitors as the Guest is told them; exactly one primary. */
    public List<Layout.Monitor> layout() {
        if (shared.isEmpty()) {
            throw new IllegalStateException("no screen to share");
        }
        return shared.stream().map(s -> new Layout.Monitor(s.x(), s.y(), s.w(), s.h(), s.primary())).toList();
    }

    /** The shared monitor at the desktop point (x, y), in device pixels; null in a gap or outside. */
    public Shared at(int x, int y) {
        for (Shared s : shared) {
            if (s.contains(x, y)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The desktop point (x, y), in device pixels, as a point in user space, where {@code Robot}
     * moves the mouse and windows are placed; null if no shared monitor is there (input there
     * would act on a screen the end user did not share).
     */
    public Point toUser(int x, int y) {
        Shared s = at(x, y);
        if (s == null) {
            return null;
        }
        Screen screen = s.screen();
        int ux = (int) Math.floor((x - s.x()) / screen.scaleX());
        int uy = (int) Math.floor((y - s.y()) / screen.scaleY());
        return new Point(screen.x() + Math.min(ux, screen.width() - 1), screen.y() + Math.min(uy, screen.height() - 1));
    }

    /**
     * A user-space point (as {@code MouseInfo} tells the pointer) as a desktop point in device
     * pixels; null if it is not on a shared monitor. {@code deviceId}, when known, says which
     * monitor it is on: with mixed scales on Windows, user-space bounds can overlap.
     */
    public PointerSource.At toDesktop(String deviceId, int ux, int uy) {
        Shared on = null;
        for (Shared s : shared) {
            if (s.screen().contains(ux, uy) && (deviceId == null || deviceId.equals(s.screen().id()))) {
                on = s;
                break;
            }
        }
        if (on == null) {
            return null;
        }
        Screen screen = on.screen();
        int x = (int) Math.floor((ux - screen.x()) * screen.scaleX());
        int y = (int) Math.floor((uy - screen.y()) * screen.scaleY());
        return new PointerSource.At(on.x() + Math.min(x, on.w() - 1), on.y() + Math.min(y, on.h() - 1));
    }

    /**
     * A rectangle in user space (a window) as the desktop rectangles it covers, in device pixels,
     * one for each shared monitor it is on; empty if it is on none.
     */
    public List<Rectangle> toDesktop(Rectangle user) {
        List<Rectangle> out = new ArrayList<>();
        for (Shared s : shared) {
            Screen screen = s.screen();
            Rectangle part = user.intersection(new Rectangle(screen.x(), screen.y(), screen.width(), screen.height()));
            if (part.isEmpty()) {
                continue;
            }
            int x0 = (int) Math.floor((part.x - screen.x()) * screen.scaleX());
            int y0 = (int) Math.floor((part.y - screen.y()) * screen.scaleY());
            int x1 = (int) Math.ceil((part.x + part.width - screen.x()) * screen.scaleX());
            int y1 = (int) Math.ceil((part.y + part.height - screen.y()) * screen.scaleY());
            out.add(new Rectangle(s.x() + x0, s.y() + y0, Math.min(x1, s.w()) - x0, Math.min(y1, s.h()) - y0));
        }
        return out;
    }

    /**
     * The scale of the primary shared monitor, by which the cursor is drawn larger; 1 on a desktop
     * with no screen at all (a headless system), where nothing is shared and nothing is drawn.
     * Otherwise exactly one shared monitor is primary ({@code placed} makes it so).
     */
    public double scale() {
        if (shared.isEmpty()) {
            return 1;
        }
        return shared.stream().filter(Shared::primary).findFirst().orElseThrow().screen().scaleX();
    }
}
