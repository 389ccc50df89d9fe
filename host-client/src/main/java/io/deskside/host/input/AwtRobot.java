package io.deskside.host.input;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;

/**
 * {@link InputInjector.Robotic} through {@link Robot}, on the primary screen (the one the Host
 * shares), made at the first use, on the input thread: nothing is injected before the session.
 */
public final class AwtRobot implements InputInjector.Robotic {

    private Robot robot;
    private double scaleX = 1;
    private double scaleY = 1;
    private Rectangle screen;

    private Robot robot() {
        if (robot == null) {
            try {
                robot = new Robot();
            } catch (AWTException e) {
                throw new IllegalStateException("this desktop does not allow input injection", e);
            }
            robot.setAutoDelay(0);
            robot.setAutoWaitForIdle(false);
            var configuration = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice().getDefaultConfiguration();
            screen = configuration.getBounds();
            scaleX = configuration.getDefaultTransform().getScaleX();
            scaleY = configuration.getDefaultTransform().getScaleY();
        }
        return robot;
    }

    @Override
    public void mouseMove(int x, int y) {
        Robot r = robot();
        // The shared desktop is the primary screen in its device pixels (the capture's); Robot moves
        // in user space, which a scaled (HiDPI) desktop makes smaller.
        int ux = (int) Math.floor(x / scaleX);
        int uy = (int) Math.floor(y / scaleY);
        r.mouseMove(screen.x + Math.min(ux, screen.width - 1), screen.y + Math.min(uy, screen.height - 1));
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
}
