package io.deskside.host.ui;

import io.deskside.protocol.wire.Message.Permission;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.WindowConstants;

/**
 * Asks the end user whether a technician may do what they ask, one permission a line in plain
 * words; a permission this program's configuration does not allow is shown struck out, and is
 * not granted. Deny (also Escape and closing the window) refuses; Allow (Alt+A) grants what was
 * shown as allowed. Allow is deliberately not the default button: a stray Enter must not grant
 * access. Nothing is captured or injected before Allow.
 */
final class ConfirmAccessDialog extends JDialog {

    private static final long serialVersionUID = 1L;

    private final transient Consumer<Set<Permission>> answer;
    private boolean answered;

    /**
     * @param answer told once: the permissions allowed, or null for Deny
     * @param disconnect the window's Disconnect action, bound to its hotkey here too
     */
    ConfirmAccessDialog(Window owner, String title, String technician, Set<Permission> requested, Set<Permission> configAllows,
            Action disconnect, Consumer<Set<Permission>> answer) {
        super(owner, title, ModalityType.APPLICATION_MODAL);
        this.answer = answer;
        setAlwaysOnTop(true);
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                reply(null);
            }
        });

        EnumSet<Permission> shownAllowed = EnumSet.noneOf(Permission.class);
        JPanel lines = new JPanel();
        lines.setLayout(new BoxLayout(lines, BoxLayout.Y_AXIS));
        lines.add(new JLabel("<html><b>" + Html.escape(technician) + "</b> from the help desk asks to:</html>"));
        lines.add(Box.createVerticalStrut(8));
        for (Permission p : Permission.values()) {
            if (!requested.contains(p)) {
                continue;
            }
            if (configAllows.contains(p)) {
                shownAllowed.add(p);
                lines.add(new JLabel("\u2713 " + PermissionWords.of(p)));
            } else {
                lines.add(new JLabel("<html><s>" + Html.escape(PermissionWords.of(p)) + "</s> (this program does not allow it)</html>"));
            }
        }
        if (requested.isEmpty()) {
            lines.add(new JLabel("connect, without seeing or doing anything on your computer"));
        }

        JButton deny = new JButton(new AbstractAction("Deny") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                reply(null);
            }
        });
        Set<Permission> granted = Set.copyOf(shownAllowed);
        JButton allow = new JButton(new AbstractAction("Allow") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                reply(granted);
            }
        });
        allow.setMnemonic(KeyEvent.VK_A);
        getRootPane().setDefaultButton(null);

        JComponent root = getRootPane();
        root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "deny");
        root.getActionMap().put("deny", deny.getAction());

        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(deny);
        buttons.add(allow);
        JPanel content = new JPanel(new BorderLayout(0, 12));
        content.setBorder(BorderFactory.createEmptyBorder(16, 16, 12, 16));
        content.add(lines, BorderLayout.CENTER);
        content.add(buttons, BorderLayout.SOUTH);
        setContentPane(content);
        pack();
        setLocationRelativeTo(owner);
        // Focus on Deny: space on the focused button is the only key that presses it without Alt.
        deny.requestFocusInWindow();
    }

    /** Shows the dialog (modal: returns once answered or closed from outside). */
    void ask() {
        Toolkit.getDefaultToolkit().beep();
        toFront();
        setVisible(true);
    }

    private void reply(Set<Permission> granted) {
        if (answered) {
            return;
        }
        answered = true;
        if (granted != null) {
            io.deskside.host.Timing.mark("allowed");
        }
        dispose();
        answer.accept(granted);
    }

    /** The request ended while the dialog was up: it closes without an answer. */
    void withdraw() {
        answered = true;
        dispose();
    }
}
