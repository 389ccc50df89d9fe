package io.deskside.host.screen;

import java.awt.GraphicsConfiguration;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Which monitors the end user shares, and where they are: the one {@link DesktopGeometry} that
 * the capture, the input, the cursor, the annotation and the Host's window watch all read, so
 * that a point of the desktop means the same place to each. The capture looks at the monitors
 * again before each picture ({@link #refresh}): a monitor plugged in or a resolution changed is
 * in the next one, and the screen's layout moves to a new generation. The end user's choice
 * ({@link #choose}) takes effect at the next capture the same way.
 *
 * <p>There is one desktop per Host process, so {@link #SYSTEM} is the one the Host uses; tests
 * make their own over made-up screens. The geometry is swapped whole (a volatile reference):
 * readers on any thread see one consistent value.
 */
public final class SharedScreens {

    /** The desktop this process runs on. */
    public static final SharedScreens SYSTEM = new SharedScreens(SharedScreens::systemScreens);

    private final Supplier<List<DesktopGeometry.Screen>> devices;
    private final Object lock = new Object();
    private volatile DesktopGeometry geometry;
    private volatile int choice = DesktopGeometry.ALL;

    /** Over the screens {@code devices} tells (read on whichever thread refreshes). */
    public SharedScreens(Supplier<List<DesktopGeometry.Screen>> devices) {
        this.devices = Objects.requireNonNull(devices, "devices");
    }

    /** The geometry as it is now; the monitors are read the first time. */
    public DesktopGeometry geometry() {
        DesktopGeometry g = geometry;
        return g != null ? g : refresh();
    }

    /** Reads the monitors again; a new geometry if they changed. */
    public DesktopGeometry refresh() {
        List<DesktopGeometry.Screen> seen = devices.get();
        synchronized (lock) {
            DesktopGeometry now = DesktopGeometry.of(seen, choice);
            if (!now.equals(geometry)) {
                geometry = now;
            }
            return geometry;
        }
    }

    /** The end user shares {@code screen} (1-based, as {@link DesktopGeometry} numbers them) or {@link DesktopGeometry#ALL}. */
    public void choose(int screen) {
        synchronized (lock) {
            choice = screen;
            DesktopGeometry g = geometry;
            geometry = g == null ? null : DesktopGeometry.of(g.screens(), screen);
        }
    }

    /**
     * What is shared: {@link DesktopGeometry#ALL} or a screen's number; the primary's when the
     * screen chosen is gone (the choice comes back with it) or all screens do not fit the protocol.
     */
    public int choice() {
        return geometry().choice();
    }

    /** Every screen device, in user space with its scale; none when there is no display. */
    static List<DesktopGeometry.Screen> systemScreens() {
        GraphicsDevice[] all;
        GraphicsDevice primary;
        try {
            var environment = GraphicsEnvironment.getLocalGraphicsEnvironment();
            all = environment.getScreenDevices();
            primary = environment.getDefaultScreenDevice();
        } catch (HeadlessException e) {
            return List.of();
        }
        List<DesktopGeometry.Screen> out = new ArrayList<>(all.length);
        for (GraphicsDevice d : all) {
            GraphicsConfiguration c = d.getDefaultConfiguration();
            Rectangle b = c.getBounds();
            var t = c.getDefaultTransform();
            if (b.width > 0 && b.height > 0 && t.getScaleX() > 0 && t.getScaleY() > 0) {
                out.add(new DesktopGeometry.Screen(d.getIDstring(), b.x, b.y, b.width, b.height, t.getScaleX(), t.getScaleY(), d.equals(primary)));
            }
        }
        return out;
    }
}
