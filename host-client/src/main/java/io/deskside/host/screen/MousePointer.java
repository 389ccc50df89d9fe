package io.deskside.host.screen;

import java.awt.HeadlessException;
import java.awt.MouseInfo;
import java.awt.Point;
import java.awt.PointerInfo;
import java.util.Objects;

/**
 * The system's mouse pointer through {@link MouseInfo}, on the desktop the end user shares
 * ({@link SharedScreens}, as {@link RobotCapture} captures it). MouseInfo tells the pointer in
 * user space, which a scaled (HiDPI) monitor makes smaller than the captured device pixels, so
 * the geometry takes it back; on a monitor the end user did not share, the pointer is nowhere.
 */
public final class MousePointer implements PointerSource {

    private final SharedScreens screens;

    /** The system's desktop. */
    public MousePointer() {
        this(SharedScreens.SYSTEM);
    }

    public MousePointer(SharedScreens screens) {
        this.screens = Objects.requireNonNull(screens, "screens");
    }

    @Override
    public At where() {
        PointerInfo info;
        try {
            info = MouseInfo.getPointerInfo();
        } catch (HeadlessException | SecurityException e) {
            return null;
        }
        if (info == null) {
            return null;
        }
        Point user = info.getLocation();
        String device = info.getDevice() == null ? null : info.getDevice().getIDstring();
        return screens.geometry().toDesktop(device, user.x, user.y);
    }

    @Override
    public double scale() {
        return screens.geometry().scale();
    }
}
