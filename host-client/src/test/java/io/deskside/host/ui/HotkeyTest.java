package io.deskside.host.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import org.junit.jupiter.api.Test;

/** The emergency key: the first free function key from F12 down, as the Host can know "free". */
class HotkeyTest {

    @Test
    void f12UnlessTheHelpDeskOrTheHostsOwnWindowsKeepIt() {
        assertEquals(OptionalInt.of(12), Hotkey.choose(Set.of(), Set.of()));
        assertEquals(OptionalInt.of(11), Hotkey.choose(Set.of(12), Set.of()), "the configuration keeps F12 for the users' software");
        assertEquals(OptionalInt.of(10), Hotkey.choose(Set.of(12), Set.of(11)), "a Host window binds F11");
        Set<Integer> all = IntStream.rangeClosed(1, 12).boxed().collect(Collectors.toSet());
        assertEquals(OptionalInt.empty(), Hotkey.choose(all, Set.of()), "none free: Disconnect alone");
    }

    @Test
    void aFunctionKeyBoundInTheHostsWindowsIsTakenButNotTheHotkeyItselfNorAChord() {
        JPanel window = new JPanel();
        JTextField field = new JTextField();
        field.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_F11, 0), "something");
        field.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_F9, KeyEvent.CTRL_DOWN_MASK), "ctrl f9");
        window.add(field);
        window.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(KeyEvent.VK_F12, 0), Hotkey.BINDING);
        Set<Integer> taken = Hotkey.takenIn(window);
        assertTrue(taken.contains(11), taken.toString());
        assertTrue(!taken.contains(12) && !taken.contains(9), "the hotkey's own binding and Ctrl+F9 leave F12 and F9 free: " + taken);
    }

    @Test
    void theWindowSaysWhichKey() {
        assertEquals("Press F11 in this window or click Disconnect.", Hotkey.instruction(Hotkey.stroke(11)));
        assertEquals("Click Disconnect to end the session.", Hotkey.instruction(null));
        assertEquals(12, Hotkey.functionKey(KeyStroke.getKeyStroke(KeyEvent.VK_F12, 0)));
        assertEquals(0, Hotkey.functionKey(KeyStroke.getKeyStroke(KeyEvent.VK_F12, KeyEvent.SHIFT_DOWN_MASK)));
    }

    @Test
    void theDispatcherFiresTheActionWithTheHotkeyCommandOnlyForItsKeyAndOnlyWhenEnabled() {
        String[] fired = new String[1];
        AbstractAction disconnect = new AbstractAction("Disconnect") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                fired[0] = e.getActionCommand();
            }
        };
        var watch = Hotkey.watch(disconnect);
        try {
            JPanel source = new JPanel();
            KeyEvent f12 = new KeyEvent(source, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_F12, KeyEvent.CHAR_UNDEFINED);
            assertTrue(!watch.dispatchKeyEvent(f12) && fired[0] == null, "no request, no key");
            disconnect.putValue(javax.swing.Action.ACCELERATOR_KEY, Hotkey.stroke(12));
            KeyEvent f11 = new KeyEvent(source, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_F11, KeyEvent.CHAR_UNDEFINED);
            assertTrue(!watch.dispatchKeyEvent(f11) && fired[0] == null, "another key goes on to the component");
            assertTrue(watch.dispatchKeyEvent(f12), "the key is the Host's");
            assertEquals(Hotkey.COMMAND, fired[0]);
            fired[0] = null;
            disconnect.setEnabled(false);
            assertTrue(watch.dispatchKeyEvent(f12) && fired[0] == null, "disabled (nothing live): swallowed, nothing fired");
        } finally {
            java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().removeKeyEventDispatcher(watch);
        }
    }
}
