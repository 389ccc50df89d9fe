package io.deskside.host.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.input.InputInjector.Outcome;
import io.deskside.protocol.desktop.DesktopMessage.TextInput;
import java.awt.datatransfer.DataFlavor;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTyperTest {

    /** Writes down the keys, waits and clipboard changes, in one list, in order. */
    private static class Desk implements InputInjector.Robotic, TextClipboard {
        final List<String> done = new ArrayList<>();
        TextClipboard.Contents board = new TextClipboard.Empty();

        @Override
        public void mouseMove(int x, int y) {
            done.add("move");
        }

        @Override
        public void mousePress(int button) {
            done.add("press");
        }

        @Override
        public void mouseRelease(int button) {
            done.add("release");
        }

        @Override
        public void mouseWheel(int notches) {
            done.add("wheel");
        }

        @Override
        public void keyPress(int keyCode) {
            done.add("down " + KeyEvent.getKeyText(keyCode));
        }

        @Override
        public void keyRelease(int keyCode) {
            done.add("up " + KeyEvent.getKeyText(keyCode));
        }

        @Override
        public void delay(int millis) {
            done.add("wait " + millis);
        }

        @Override
        public TextClipboard clipboard() {
            return this;
        }

        @Override
        public Contents contents() {
            return board;
        }

        @Override
        public void put(String text) {
            board = new Text(text);
            done.add("clipboard " + text);
        }

        @Override
        public void empty() {
            board = new Empty();
            done.add("clipboard emptied");
        }
    }

    private final Desk desk = new Desk();
    private boolean hostFocused;
    private final HostWindows windows = new HostWindows() {
        @Override
        public boolean covers(int x, int y) {
            return false;
        }

        @Override
        public boolean focused() {
            return hostFocused;
        }
    };

    private static List<String> tap(String key) {
        return List.of("down " + key, "up " + key);
    }

    @Test
    void lettersAndSpacesAreTypedAsTheirKeysWithShiftForCapitals() {
        assertEquals(Outcome.INJECTED, new TextTyper(desk, windows, false).type("Hi yo"));
        List<String> expected = new ArrayList<>();
        expected.addAll(List.of("down Shift", "down H", "up H", "up Shift"));
        expected.addAll(tap("I"));
        expected.addAll(tap("Space"));
        expected.addAll(tap("Y"));
        expected.addAll(tap("O"));
        assertEquals(expected, desk.done);
        assertEquals(KeyEvent.VK_H, TextTyper.keyFor('h'));
        assertEquals(KeyEvent.VK_H, TextTyper.keyFor('H'));
        assertEquals(KeyEvent.VK_SPACE, TextTyper.keyFor(' '));
    }

    @Test
    void charactersWhoseKeyDependsOnTheLayoutHaveNone() {
        for (char c : "0189!@/.,é€漢".toCharArray()) {
            assertEquals(0, TextTyper.keyFor(c), "no key for " + c);
        }
    }

    @Test
    void textWithoutKeysIsPastedWithCtrlVAndTheClipboardTextPutBack() {
        desk.board = new TextClipboard.Text("the user's own");
        assertEquals(Outcome.INJECTED, new TextTyper(desk, windows, false).type("café €5"));
        assertEquals(List.of("clipboard café €5", "down Ctrl", "down V", "up V", "up Ctrl", "wait " + TextTyper.PASTE_SETTLE_MILLIS,
                "clipboard the user's own"), desk.done);
        assertEquals(new TextClipboard.Text("the user's own"), desk.board);
    }

    @Test
    void anEmptyClipboardIsLeftEmptyAfterThePaste() {
        assertEquals(Outcome.INJECTED, new TextTyper(desk, windows, false).type("é"));
        assertEquals("clipboard emptied", desk.done.get(desk.done.size() - 1));
        assertEquals(new TextClipboard.Empty(), desk.board);
    }

    @Test
    void macOsPastesEverythingWithCmdV() {
        assertEquals(Outcome.INJECTED, new TextTyper(desk, windows, true).type("abc"));
        assertEquals(List.of("clipboard abc", "down Meta", "down V", "up V", "up Meta", "wait " + TextTyper.PASTE_SETTLE_MILLIS,
                "clipboard emptied"), desk.done);
    }

    @Test
    void aClipboardHoldingSomethingElseIsUntouchedAndOnlyTheKeysAreTyped() {
        desk.board = new TextClipboard.Other();
        assertEquals(Outcome.DROPPED, new TextTyper(desk, windows, false).type("aé"));
        assertEquals(tap("A"), desk.done, "the letter is typed, é dropped, the clipboard never touched");
        assertEquals(new TextClipboard.Other(), desk.board);
    }

    @Test
    void aClipboardAnotherProgramHoldsOpenDropsTheTextAndNotTheSession() {
        TextClipboard busy = new TextClipboard() {
            @Override
            public Contents contents() {
                return new Empty();
            }

            @Override
            public void put(String text) {
                throw new IllegalStateException("cannot open system clipboard");
            }

            @Override
            public void empty() {
                throw new IllegalStateException("cannot open system clipboard");
            }
        };
        Desk busyDesk = new Desk() {
            @Override
            public TextClipboard clipboard() {
                return busy;
            }
        };
        assertEquals(Outcome.DROPPED, new TextTyper(busyDesk, windows, false).type("é"));
        assertEquals(List.of(), busyDesk.done, "no paste key without the text on the clipboard");
    }

    @Test
    void nothingIsTypedWhileAHostWindowHasTheFocus() {
        hostFocused = true;
        desk.board = new TextClipboard.Text("kept");
        assertEquals(Outcome.HOST_WINDOW, new TextTyper(desk, windows, false).type("abc"));
        assertEquals(Outcome.HOST_WINDOW, new TextTyper(desk, windows, false).type("é"));
        assertEquals(List.of(), desk.done);
    }

    @Test
    void theInjectorHandsTextInputToTheTyper() {
        InputInjector injector = new InputInjector(desk, windows);
        assertEquals(Outcome.INJECTED, injector.inject(new TextInput("ü")));
        assertEquals("clipboard ü", desk.done.get(0));
        assertEquals("clipboard emptied", desk.done.get(desk.done.size() - 1));
        hostFocused = true;
        assertEquals(Outcome.HOST_WINDOW, injector.inject(new TextInput("ü")));
    }

    @Test
    void aClipboardWithAPictureOrFilesIsNotPlainText() throws Exception {
        DataFlavor text = DataFlavor.stringFlavor;
        DataFlavor plain = new DataFlavor("text/plain;charset=utf-8;class=java.io.InputStream");
        DataFlavor html = new DataFlavor("text/html;class=java.lang.String");
        assertTrue(SystemTextClipboard.isPlainText(new DataFlavor[] {text, plain}));
        assertTrue(SystemTextClipboard.isPlainText(new DataFlavor[] {html, text}), "formatted text comes back as plain text");
        assertFalse(SystemTextClipboard.isPlainText(new DataFlavor[] {text, DataFlavor.imageFlavor}));
        assertFalse(SystemTextClipboard.isPlainText(new DataFlavor[] {text, DataFlavor.javaFileListFlavor}));
        assertFalse(SystemTextClipboard.isPlainText(new DataFlavor[] {new DataFlavor("image/png;class=java.io.InputStream")}));
        assertFalse(SystemTextClipboard.isPlainText(new DataFlavor[] {html}), "no plain text to put back");
    }
}
