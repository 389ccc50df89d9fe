package io.deskside.host.input;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.Key;
import io.deskside.protocol.desktop.DesktopMessage.Pointer;
import io.deskside.protocol.desktop.DesktopMessage.TextInput;
import java.awt.event.KeyEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Does what the technician does with the mouse and keyboard, on the desktop of the end user, once
 * CONTROL is in force (the session checks that before it gets here). It keeps which keys and
 * buttons it holds down, so that everything still down is released when the session ends
 * ({@link #close}). It never acts on the Host's own windows: a pointer event over one is dropped,
 * and so are keys while one has the focus ({@link HostWindows}); otherwise a technician could click
 * the end user's consent buttons.
 *
 * <p>Pointer: absolute coordinates of the shared desktop (a point on no shared monitor is
 * dropped, only a button's release going through); buttons as the difference from what is down; the vertical
 * wheel in whole notches, the remainder of the 1/120 steps carried; the horizontal wheel as
 * Shift+wheel, which most toolkits read as horizontal. Keys: Java virtual keys, pressed and
 * released as they come; modifiers travel as their own key events, so the modifier bits are not
 * used. A character without a key of its own (an extended key code) and a key the platform does
 * not have are dropped. Text input (what had no key on the technician's side) is typed by
 * {@link TextTyper}: as keys where that is safe, otherwise pasted through the end user's
 * clipboard if it holds text or nothing, which is put back afterwards.
 */
public final class InputInjector implements AutoCloseable {

    /** What the injector does to the desktop; {@link AwtRobot} in the Host, a recorder in tests. */
    public interface Robotic {
        /**
         * Whether the desktop point (x, y) is on a monitor the end user shares: input elsewhere
         * (a gap between monitors, a screen not shared) would act where the technician cannot see.
         */
        default boolean shares(int x, int y) {
            return true;
        }

        void mouseMove(int x, int y);

        /** {@code button} is 1 (left), 2 (middle), 3 (right), 4 (back), 5 (forward). */
        void mousePress(int button);

        void mouseRelease(int button);

        /** Whole notches; positive turns toward the user (down). */
        void mouseWheel(int notches);

        void keyPress(int keyCode);

        void keyRelease(int keyCode);

        /** Waits, so that the desktop can catch up (a program reading a paste). */
        default void delay(int millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The clipboard text input may borrow to paste; asked for only when it does. */
        default TextClipboard clipboard() {
            return TextClipboard.UNAVAILABLE;
        }
    }

    /** What became of one message. */
    public enum Outcome {
        INJECTED,
        /** Over or into a Host window: the technician is told, as for a missing permission. */
        HOST_WINDOW,
        /** Nothing this injector can do (a key the platform lacks, text without keys while the clipboard holds a picture). */
        DROPPED
    }

    /** 1/120 of a notch, the unit of the wheel on the wire. */
    static final int WHEEL_STEPS_PER_NOTCH = 120;
    private static final int[] BUTTON_BITS = {Pointer.LEFT, Pointer.MIDDLE, Pointer.RIGHT, Pointer.BACK, Pointer.FORWARD};

    private final Robotic robot;
    private final HostWindows hostWindows;
    private final TextTyper typer;
    private final Deque<Integer> keysDown = new ArrayDeque<>();
    private int buttonsDown;
    private int wheelY;
    private int wheelX;
    private boolean closed;

    public InputInjector(Robotic robot, HostWindows hostWindows) {
        this.robot = Objects.requireNonNull(robot, "robot");
        this.hostWindows = Objects.requireNonNull(hostWindows, "hostWindows");
        this.typer = new TextTyper(robot, hostWindows, TextTyper.onMac());
    }

    /** Does a POINTER, KEY or TEXT_INPUT message (anything else is dropped). */
    public synchronized Outcome inject(DesktopMessage m) {
        if (closed) {
            return Outcome.DROPPED;
        }
        try {
            if (m instanceof Pointer p) {
                return pointer(p);
            }
            if (m instanceof Key k) {
                return key(k);
            }
            if (m instanceof TextInput t) {
                return typer.type(t.text());
            }
            return Outcome.DROPPED;
        } catch (IllegalArgumentException e) {
            // A button or key code this platform does not have.
            return Outcome.DROPPED;
        }
    }

    private Outcome pointer(Pointer p) {
        if (!robot.shares(p.x(), p.y())) {
            // Off the shared monitors: nothing moves, presses or turns there; a button this side
            // holds is still let go where the pointer is, as a key's release always goes through.
            releaseButtonsUp(p.buttons());
            return Outcome.DROPPED;
        }
        if (hostWindows.covers(p.x(), p.y())) {
            return Outcome.HOST_WINDOW;
        }
        robot.mouseMove(p.x(), p.y());
        for (int i = 0; i < BUTTON_BITS.length; i++) {
            int bit = BUTTON_BITS[i];
            boolean want = (p.buttons() & bit) != 0;
            boolean has = (buttonsDown & bit) != 0;
            if (want && !has) {
                robot.mousePress(i + 1);
                buttonsDown |= bit;
            } else if (!want && has) {
                robot.mouseRelease(i + 1);
                buttonsDown &= ~bit;
            }
        }
        wheelY += p.wheelY();
        int notches = wheelY / WHEEL_STEPS_PER_NOTCH;
        wheelY -= notches * WHEEL_STEPS_PER_NOTCH;
        if (notches != 0) {
            robot.mouseWheel(notches);
        }
        wheelX += p.wheelX();
        int sideways = wheelX / WHEEL_STEPS_PER_NOTCH;
        wheelX -= sideways * WHEEL_STEPS_PER_NOTCH;
        if (sideways != 0) {
            boolean shiftHeld = keysDown.contains(KeyEvent.VK_SHIFT);
            if (!shiftHeld) {
                robot.keyPress(KeyEvent.VK_SHIFT);
            }
            robot.mouseWheel(sideways);
            if (!shiftHeld) {
                robot.keyRelease(KeyEvent.VK_SHIFT);
            }
        }
        return Outcome.INJECTED;
    }

    private void releaseButtonsUp(int buttons) {
        for (int i = 0; i < BUTTON_BITS.length; i++) {
            int bit = BUTTON_BITS[i];
            if ((buttons & bit) == 0 && (buttonsDown & bit) != 0) {
                robot.mouseRelease(i + 1);
                buttonsDown &= ~bit;
            }
        }
    }

    private Outcome key(Key k) {
        if (k.keyCode() > 0xFFFF) {
            return Outcome.DROPPED;
        }
        if (k.down()) {
            if (hostWindows.focused()) {
                return Outcome.HOST_WINDOW;
            }
            robot.keyPress(k.keyCode());
            if (!keysDown.contains(k.keyCode())) {
                keysDown.push(k.keyCode());
            }
            return Outcome.INJECTED;
        }
        // A release always goes through when this side pressed the key: a key must not stay down.
        if (keysDown.remove(k.keyCode())) {
            robot.keyRelease(k.keyCode());
            return Outcome.INJECTED;
        }
        return Outcome.DROPPED;
    }

    /** Releases every key (last pressed first) and button still down. */
    public synchronized void releaseAll() {
        while (!keysDown.isEmpty()) {
            robot.keyRelease(keysDown.pop());
        }
        for (int i = 0; i < BUTTON_BITS.length; i++) {
            if ((buttonsDown & BUTTON_BITS[i]) != 0) {
                robot.mouseRelease(i + 1);
            }
        }
        buttonsDown = 0;
        wheelX = 0;
        wheelY = 0;
    }

    /** The session ended: releases everything and injects nothing more. */
    @Override
    public synchronized void close() {
        if (!closed) {
            releaseAll();
            closed = true;
        }
    }
}
