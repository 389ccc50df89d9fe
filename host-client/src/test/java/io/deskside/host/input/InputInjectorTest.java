package io.deskside.host.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deskside.protocol.desktop.DesktopMessage.Key;
import io.deskside.protocol.desktop.DesktopMessage.Pointer;
import io.deskside.protocol.desktop.DesktopMessage.TextInput;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputInjectorTest {

    /** Writes down what would have been done to the desktop. */
    private static final class Recorder implements InputInjector.Robotic {
        final List<String> done = new ArrayList<>();
        /** The shared monitors end at this x: right of it is a screen the end user did not share. */
        int sharedWidth = Integer.MAX_VALUE;

        @Override
        public boolean shares(int x, int y) {
            return x < sharedWidth;
        }

        @Override
        public void mouseMove(int x, int y) {
            done.add("move " + x + "," + y);
        }

        @Override
        public void mousePress(int button) {
            done.add("press " + button);
        }

        @Override
        public void mouseRelease(int button) {
            done.add("release " + button);
        }

        @Override
        public void mouseWheel(int notches) {
            done.add("wheel " + notches);
        }

        @Override
        public void keyPress(int keyCode) {
            done.add("key down " + keyCode);
        }

        @Override
        public void keyRelease(int keyCode) {
            done.add("key up " + keyCode);
        }
    }

    /** A Host window at (100, 100)–(200, 200), focused or not as the test says. */
    private static final class Windows implements HostWindows {
        boolean focused;

        @Override
        public boolean covers(int x, int y) {
            return x >= 100 && x < 200 && y >= 100 && y < 200;
        }

        @Override
        public boolean focused() {
            return focused;
        }
    }

    private final Recorder robot = new Recorder();
    private final Windows windows = new Windows();
    private final InputInjector injector = new InputInjector(robot, windows);

    @Test
    void buttonsArePressedAndReleasedAsTheyChange() {
        injector.inject(new Pointer(10, 20, Pointer.LEFT, 0, 0));
        injector.inject(new Pointer(11, 20, Pointer.LEFT | Pointer.RIGHT, 0, 0));
        injector.inject(new Pointer(12, 20, 0, 0, 0));
        assertEquals(List.of("move 10,20", "press 1", "move 11,20", "press 3", "move 12,20", "release 1", "release 3"), robot.done);
    }

    @Test
    void offTheSharedMonitorsNothingMovesPressesOrTurnsButAHeldButtonIsLetGo() {
        robot.sharedWidth = 1000;
        injector.inject(new Pointer(10, 20, Pointer.LEFT, 0, 0));
        assertEquals(InputInjector.Outcome.DROPPED, injector.inject(new Pointer(1500, 20, Pointer.LEFT | Pointer.RIGHT, 240, 240)));
        assertEquals(InputInjector.Outcome.DROPPED, injector.inject(new Pointer(1500, 20, 0, 0, 0)));
        assertEquals(List.of("move 10,20", "press 1", "release 1"), robot.done);
        injector.close();
        assertEquals(List.of("move 10,20", "press 1", "release 1"), robot.done, "nothing left down to release");
    }

    @Test
    void theWheelTurnsInWholeNotchesAndCarriesTheRest() {
        injector.inject(new Pointer(0, 0, 0, 60, 0));
        injector.inject(new Pointer(0, 0, 0, 60, 0));
        injector.inject(new Pointer(0, 0, 0, -240, 0));
        assertEquals(List.of("move 0,0", "move 0,0", "wheel 1", "move 0,0", "wheel -2"), robot.done);
    }

    @Test
    void theHorizontalWheelIsShiftAndTheWheel() {
        injector.inject(new Pointer(0, 0, 0, 0, 120));
        assertEquals(List.of("move 0,0", "key down " + KeyEvent.VK_SHIFT, "wheel 1", "key up " + KeyEvent.VK_SHIFT), robot.done);
    }

    @Test
    void nothingHappensOverAHostWindow() {
        assertEquals(InputInjector.Outcome.HOST_WINDOW, injector.inject(new Pointer(150, 150, Pointer.LEFT, 0, 0)));
        assertEquals(List.of(), robot.done);
    }

    @Test
    void keysAreNotTypedWhileAHostWindowHasTheFocusButReleasesGoThrough() {
        injector.inject(new Key(KeyEvent.VK_A, Key.Location.STANDARD, 0, true));
        windows.focused = true;
        assertEquals(InputInjector.Outcome.HOST_WINDOW, injector.inject(new Key(KeyEvent.VK_B, Key.Location.STANDARD, 0, true)));
        injector.inject(new Key(KeyEvent.VK_A, Key.Location.STANDARD, 0, false));
        assertEquals(List.of("key down " + KeyEvent.VK_A, "key up " + KeyEvent.VK_A), robot.done);
    }

    @Test
    void closingReleasesEverythingStillDownAndInjectsNothingMore() {
        injector.inject(new Key(KeyEvent.VK_CONTROL, Key.Location.LEFT, Key.CTRL, true));
        injector.inject(new Key(KeyEvent.VK_C, Key.Location.STANDARD, Key.CTRL, true));
        injector.inject(new Pointer(5, 5, Pointer.MIDDLE, 0, 0));
        robot.done.clear();
        injector.close();
        assertEquals(List.of("key up " + KeyEvent.VK_C, "key up " + KeyEvent.VK_CONTROL, "release 2"), robot.done);
        assertEquals(InputInjector.Outcome.DROPPED, injector.inject(new Pointer(5, 5, 0, 0, 0)));
        assertEquals(3, robot.done.size());
    }

    @Test
    void textWithoutKeysAndExtendedKeyCodesAreDropped() {
        assertEquals(InputInjector.Outcome.DROPPED, injector.inject(new TextInput("é")));
        assertEquals(InputInjector.Outcome.DROPPED, injector.inject(new Key(Key.EXTENDED + 0xE9, Key.Location.STANDARD, 0, true)));
        assertEquals(List.of(), robot.done);
    }
}
