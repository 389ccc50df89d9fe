package io.deskside.host.ui;

import io.deskside.host.config.HostConfig;
import java.awt.Component;
import java.awt.Container;
import java.awt.KeyEventDispatcher;
import java.awt.KeyboardFocusManager;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;
import javax.swing.Action;
import javax.swing.InputMap;
import javax.swing.JComponent;
import javax.swing.KeyStroke;

/**
 * The emergency disconnect key (host-plan §4): assigned at each help request, the first free
 * function key from F12 down, and released when the request is over. "Free" is what the Host can
 * know: not a key the help desk's configuration keeps for its users' software
 * ({@code <hotkey avoid="F12"/>}), and not one its own windows already bind. Other programs'
 * keys are out of its sight, and need not be: the key acts only while a Deskside window has the
 * focus (the JDK has no global hotkeys, and the Host installs no native hooks).
 *
 * <p>The key travels with the Disconnect {@link Action} as its {@link Action#ACCELERATOR_KEY};
 * one dispatcher ({@link #watch}) sees it in every window of the Host, dialogs included.
 */
final class Hotkey {

    /** The action-map key of the binding; a binding under it is the hotkey itself, not a key taken by something else. */
    static final String BINDING = "deskside-disconnect";
    private static final int[] CONDITIONS = {JComponent.WHEN_FOCUSED, JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT,
        JComponent.WHEN_IN_FOCUSED_WINDOW};

    private Hotkey() {
    }

    /** The first function key from F12 down that is neither avoided nor taken; empty when there is none. */
    static OptionalInt choose(Set<Integer> avoid, Set<Integer> taken) {
        for (int f = HostConfig.MAX_FUNCTION_KEY; f >= 1; f--) {
            if (!avoid.contains(f) && !taken.contains(f)) {
                return OptionalInt.of(f);
            }
        }
        return OptionalInt.empty();
    }

    /** The function keys without modifiers that components in {@code roots} (windows, panels) bind to something other than the hotkey. */
    static Set<Integer> takenIn(Component... roots) {
        Set<Integer> taken = new HashSet<>();
        for (Component root : roots) {
            collect(root, taken);
        }
        return taken;
    }

    private static void collect(Component c, Set<Integer> taken) {
        if (c instanceof JComponent j) {
            for (int condition : CONDITIONS) {
                InputMap map = j.getInputMap(condition);
                KeyStroke[] keys = map == null ? null : map.allKeys();
                if (keys == null) {
                    continue;
                }
                for (KeyStroke k : keys) {
                    int f = functionKey(k);
                    if (f > 0 && !BINDING.equals(map.get(k))) {
                        taken.add(f);
                    }
                }
            }
        }
        if (c instanceof Container parent) {
            for (Component child : parent.getComponents()) {
                collect(child, taken);
            }
        }
    }

    /** 1 to 12 for F1 to F12 pressed without modifiers, else 0. */
    static int functionKey(KeyStroke k) {
        int code = k.getKeyCode();
        return k.getModifiers() == 0 && !k.isOnKeyRelease() && code >= KeyEvent.VK_F1 && code <= KeyEvent.VK_F12 ? code - KeyEvent.VK_F1 + 1 : 0;
    }

    static KeyStroke stroke(int functionKey) {
        return KeyStroke.getKeyStroke(KeyEvent.VK_F1 + functionKey - 1, 0);
    }

    /** What the window says about it. */
    static String instruction(KeyStroke key) {
        return key == null ? "Click Disconnect to end the session." : "Press F" + functionKey(key) + " in this window or click Disconnect.";
    }

    /**
     * Watches every key pressed in this program's windows (the main one, Confirm Access, the file
     * and sign-in dialogs) for the action's key, before any component sees it: a focused text
     * field cannot swallow it, and a modal dialog does not hide it. Fires the action (command
     * {@value #COMMAND}) when it is enabled. The JDK delivers no key of another program here.
     */
    static KeyEventDispatcher watch(Action disconnect) {
        KeyEventDispatcher d = e -> {
            KeyStroke key = (KeyStroke) disconnect.getValue(Action.ACCELERATOR_KEY);
            if (key == null || e.getID() != KeyEvent.KEY_PRESSED || !key.equals(KeyStroke.getKeyStrokeForEvent(e))) {
                return false;
            }
            if (disconnect.isEnabled()) {
                disconnect.actionPerformed(new ActionEvent(e.getSource(), ActionEvent.ACTION_PERFORMED, COMMAND));
            }
            return true;
        };
        KeyboardFocusManager.getCurrentKeyboardFocusManager().addKeyEventDispatcher(d);
        return d;
    }

    /** The action command of a disconnect by the key, not by a click. */
    static final String COMMAND = "hotkey";
}
