package io.deskside.host.ui;

import io.deskside.host.request.CredentialSource.SignInPrompt;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * Asks for a help-desk account when the gateway gives Host credentials to signed-in accounts
 * only and this download carries none (host-plan §2.4). A small modal form in the look of the
 * Host's window: user name, password, a red line saying why the last answer did not do, OK and
 * Cancel. Enter is OK, Escape and closing the window are Cancel. One instance serves every ask
 * of a sign-in, so the user name typed stays; the password field is emptied as soon as it is read.
 *
 * <p>Built on the EDT like every window; {@link #ask} is called from the request's thread and
 * waits there for the answer (on the EDT itself it simply shows the modal form).
 */
public final class SignInDialog extends JDialog implements SignInPrompt {

    private static final long serialVersionUID = 1L;
    static final String EMPTY_USER = "Type your user name.";

    final JTextField user = new JTextField(18);
    final JPasswordField password = new JPasswordField(18);
    final JLabel error = new JLabel(" ");
    private transient Optional<Login> answer = Optional.empty();

    public SignInDialog(Window owner, String brand) {
        super(owner, brand == null || brand.isBlank() ? "Deskside" : brand, ModalityType.APPLICATION_MODAL);
        setAlwaysOnTop(true);
        setResizable(false);
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                reply(Optional.empty());
            }
        });

        JButton ok = new JButton(new AbstractAction("OK") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                ok();
            }
        });
        JButton cancel = new JButton(new AbstractAction("Cancel") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                reply(Optional.empty());
            }
        });
        // Both buttons the same width, as a pair reads.
        cancel.setPreferredSize(cancel.getPreferredSize());
        ok.setPreferredSize(cancel.getPreferredSize());
        getRootPane().setDefaultButton(ok);
        JComponent root = getRootPane();
        root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "cancel");
        root.getActionMap().put("cancel", cancel.getAction());

        JPanel form = new JPanel(new GridBagLayout());
        GridBagConstraints top = new GridBagConstraints();
        top.gridwidth = 2;
        top.anchor = GridBagConstraints.WEST;
        top.insets = new Insets(0, 0, 8, 0);
        form.add(new JLabel("Sign in with your help desk account to connect."), top);
        field(form, 1, "User name", user);
        field(form, 2, "Password", password);
        error.setForeground(new Color(0xB00020));
        error.setVisible(false); // an empty row would gap the form
        GridBagConstraints e = new GridBagConstraints();
        e.gridx = 1;
        e.gridy = 3;
        e.anchor = GridBagConstraints.WEST;
        e.insets = new Insets(4, 0, 0, 0);
        form.add(error, e);

        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        buttons.setBorder(BorderFactory.createEmptyBorder(8, 0, 0, 0));
        buttons.add(cancel);
        buttons.add(ok);
        JPanel content = new JPanel(new BorderLayout());
        content.setBorder(BorderFactory.createEmptyBorder(12, 14, 12, 14));
        content.add(form, BorderLayout.CENTER);
        content.add(buttons, BorderLayout.SOUTH);
        setContentPane(content);
        pack();
        setLocationRelativeTo(owner);
    }

    private static void field(JPanel form, int row, String label, JComponent field) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = row;
        c.gridx = 0;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(2, 0, 2, 8);
        JLabel l = new JLabel(label);
        l.setLabelFor(field);
        form.add(l, c);
        c.gridx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        c.insets = new Insets(2, 0, 2, 0);
        form.add(field, c);
    }

    @Override
    public Optional<Login> ask(String why) {
        if (SwingUtilities.isEventDispatchThread()) {
            return show(why);
        }
        AtomicReference<Optional<Login>> got = new AtomicReference<>(Optional.empty());
        try {
            SwingUtilities.invokeAndWait(() -> got.set(show(why)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SwingUtilities.invokeLater(this::dispose); // the request is over: so is the question
            return Optional.empty();
        } catch (InvocationTargetException e) {
            return Optional.empty();
        }
        return got.get();
    }

    /** Shows the form (modal: returns once answered) and gives the answer. */
    private Optional<Login> show(String why) {
        answer = Optional.empty();
        showError(why);
        password.setText("");
        pack();
        (user.getText().isBlank() ? user : password).requestFocusInWindow();
        toFront();
        setVisible(true);
        return answer;
    }

    private void showError(String why) {
        error.setText(why == null ? " " : why);
        error.setVisible(why != null);
    }

    private void ok() {
        String name = user.getText().strip();
        if (name.isEmpty()) {
            showError(EMPTY_USER);
            pack();
            user.requestFocusInWindow();
            return;
        }
        char[] typed = password.getPassword();
        password.setText("");
        reply(Optional.of(new Login(name, typed)));
    }

    private void reply(Optional<Login> login) {
        answer = login;
        setVisible(false);
    }
}
