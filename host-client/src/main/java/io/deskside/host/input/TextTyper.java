package io.deskside.host.input;

import io.deskside.host.input.InputInjector.Outcome;
import java.awt.event.KeyEvent;
import java.util.Locale;
import java.util.Objects;

/**
 * Types the technician's {@code TextInput}: text that had no key on their keyboard (é on a US
 * layout, €, an IME's CJK, an emoji). Letters and the space are typed as keys, Shift for
 * capitals: on Windows and X11 {@link java.awt.Robot} finds the key of a letter on whatever layout
 * is active. Everything else depends on that layout, which Java cannot read (a digit needs Shift on
 * a French keyboard, / is Shift+7 on a German one), and on macOS Robot presses the key where the
 * US layout has it; so a text holding any such character, and on macOS every text, is pasted whole
 * through the clipboard instead. One paste keeps the characters in order and the time bounded (a
 * key pressed while the paste is still being read could land first).
 *
 * <p>The clipboard is the end user's, so it is borrowed only when it holds text or nothing: that
 * is put back once the paste has had time to be read ({@link #PASTE_SETTLE_MILLIS}). When it holds
 * an image or files, the characters without a key are dropped rather than destroy it, and the
 * outcome says so. Like keys, nothing is typed while a Host window has the focus.
 */
public final class TextTyper {

    /** How long the target program gets to read the clipboard after the paste key, before it is put back. */
    static final int PASTE_SETTLE_MILLIS = 250;

    private final InputInjector.Robotic robot;
    private final HostWindows hostWindows;
    private final int pasteModifier;
    private final boolean mac;

    /** @param mac whether the desktop is macOS: it pastes with Cmd+V rather than Ctrl+V, and gets no text as keys */
    public TextTyper(InputInjector.Robotic robot, HostWindows hostWindows, boolean mac) {
        this.robot = Objects.requireNonNull(robot, "robot");
        this.hostWindows = Objects.requireNonNull(hostWindows, "hostWindows");
        this.pasteModifier = mac ? KeyEvent.VK_META : KeyEvent.VK_CONTROL;
        this.mac = mac;
    }

    /** Whether this Java runs on macOS, where the paste key is Cmd+V. */
    public static boolean onMac() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
    }

    public Outcome type(String text) {
        if (hostWindows.focused()) {
            return Outcome.HOST_WINDOW;
        }
        if (text.chars().allMatch(c -> typeable((char) c))) {
            typeKeys(text);
            return Outcome.INJECTED;
        }
        TextClipboard board = robot.clipboard();
        TextClipboard.Contents before = board.contents();
        if (before instanceof TextClipboard.Other) {
            typeKeys(text);
            return Outcome.DROPPED;
        }
        try {
            paste(board, text, before);
        } catch (IllegalStateException e) {
            // Another program held the clipboard open a moment later: this text is lost, the session is not.
            return Outcome.DROPPED;
        }
        return Outcome.INJECTED;
    }

    private void paste(TextClipboard board, String text, TextClipboard.Contents before) {
        board.put(text);
        try {
            robot.keyPress(pasteModifier);
            try {
                robot.keyPress(KeyEvent.VK_V);
                robot.keyRelease(KeyEvent.VK_V);
            } finally {
                robot.keyRelease(pasteModifier);
            }
            robot.delay(PASTE_SETTLE_MILLIS);
        } finally {
            if (before instanceof TextClipboard.Text t) {
                board.put(t.text());
            } else {
                board.empty();
            }
        }
    }

    /** Types the characters that have a key and skips the rest. */
    private void typeKeys(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!typeable(c)) {
                continue;
            }
            int key = keyFor(c);
            boolean shift = c >= 'A' && c <= 'Z';
            if (shift) {
                robot.keyPress(KeyEvent.VK_SHIFT);
            }
            try {
                robot.keyPress(key);
                robot.keyRelease(key);
            } finally {
                if (shift) {
                    robot.keyRelease(KeyEvent.VK_SHIFT);
                }
            }
        }
    }

    private boolean typeable(char c) {
        return !mac && keyFor(c) != 0;
    }

    /**
     * The virtual key that types {@code c} (with Shift for a capital), or 0 if it is left to the
     * clipboard: a letter of A to Z or the space, whose key Robot finds on any layout by character.
     */
    static int keyFor(char c) {
        boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == ' ';
        return plain ? KeyEvent.getExtendedKeyCodeForChar(Character.toLowerCase(c)) : 0;
    }
}
