package io.deskside.host.input;

import io.deskside.host.screen.SharedScreens;
import java.awt.AWTException;
import java.awt.Point;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.util.Objects;

/**
 * {@link InputInjector.Robotic} through {@link Robot}, on the monitors the end user shares
 * ({@link SharedScreens}, the capture's desktop), made at the first use, on the input thread:
 * nothing is injected before the session. The technician points in the desktop's device pixels;
 * Robot moves in user space, which a scaled (HiDPI) monitor makes smaller, so the geometry maps
 * each point to the monitor it is on, and a point on no shared monitor is not moved to at all.
 * Text input borrows the system clipboard ({@link SystemTextClipboard}) for what has no key.
 */
public final class AwtRobot implements InputInjector.Robotic {

    private final TextClipboard clipboard = new SystemTextClipboard();
    private final SharedScreens screens;
    private Robot robot;

    /** The system's desktop. */
    public AwtRobot() {
        this(SharedScreens.SYSTEM);
    }

    public AwtRobot(SharedScreens screens) {
        this.screens = Objects.requireNonNull(screens, "screens");
    }

    private Robot robot() {
        if (robot == null) {
            try {
                robot = new Robot();
            } catch (AWTException e) {
                throw new IllegalStateException("this desktop does not allow input injection", e);
            }
            robot.setAutoDelay(0);
            robot.setAutoWaitForIdle(false);
        }
        return robot;
    }

    @Override
    public boolean shares(int x, int y) {
        return screens.geometry().toUser(x, y) != null;
    }

    @Override
    public void mouseMove(int x, int y) {
        Point user = screens.geometry().toUser(x, y);
        if (user != null) {
            robot().mouseMove(user.x, user.y);
        }
    }

    @Override
    public void mousePress(int button) {
        robot().mousePress(InputEvent.getMaskForButton(button));
    }

    @Override
    public void mouseRelease(int button) {
        robot().mouseRelease(InputEvent.getMaskForButton(button));
    }

    @Override
    public void mouseWheel(int notches) {
        robot().mouseWheel(notches);
    }

    @Override
    public void keyPress(int keyCode) {
        robot().keyPress(keyCode);
    }

    @Override
    public void keyRelease(int keyCode) {
        robot().keyRelease(keyCode);
    }

    @Override
    public void delay(int millis) {
        robot().delay(millis);
    }

    @Override
    public TextClipboard clipboard() {
        return clipboard;
    }
}
