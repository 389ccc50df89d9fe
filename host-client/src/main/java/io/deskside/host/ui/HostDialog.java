package io.deskside.host.ui;

import io.deskside.host.config.HostConfig;
import io.deskside.host.session.OutgoingText;
import io.deskside.host.request.CredentialSource;
import io.deskside.host.request.FailureText;
import io.deskside.host.request.HelpRequestFlow;
import io.deskside.host.request.HostTunnel;
import io.deskside.host.request.HostView;
import io.deskside.host.input.InputInjector;
import io.deskside.host.screen.ScreenCapture;
import io.deskside.host.session.LocalDesktop;
import io.deskside.protocol.ticket.TicketCode;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.Message.Permission;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.net.PasswordAuthentication;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;

/**
 * The Host's one window. It asks for a ticket (or a help service), the end user's name and a
 * message; then shows where the request is (waiting, securing, the verification code of a help
 * service), the session while it runs (who, what they may do, chat, clipboard and files: {@link SharingPanel}; Disconnect),
 * and why it ended; when a proxy wants a login, its user name and password. Always on top and
 * small. Only the EDT touches it; the help request runs on its own thread and reaches the window
 * through {@link HostView}, whose calls are handed to the EDT.
 *
 * <p>Disconnect is one {@link Action}, shared by the button and the emergency key in this window
 * and the Confirm dialog ({@link Hotkey}: the first free function key from F12 down, assigned at
 * each request and released after; Java has no global hotkey, so the window says "Press F12 in
 * this window or click Disconnect"). Closing the window while a request or session is live
 * disconnects first.
 *
 * <p>Without a gateway credential in its configuration, Connect first fetches one from the help
 * desk ({@link CredentialSource}), asking the end user to sign in if the help desk wants that.
 */
public final class HostDialog extends JFrame {

    private static final long serialVersionUID = 1L;

    private static final String ASK = "ask";
    private static final String PROGRESS = "progress";
    private static final String VERIFY = "verify";
    private static final String CONNECTED = "connected";
    private static final String ENDED = "ended";
    private static final String PROXY = "proxy";
    /** How long "The session ended." stays before the window closes and the Host leaves. */
    static final int CLOSE_AFTER_END_MILLIS = 4000;

    private final transient HostConfig config;
    /** The config with the credential fetched at the first Connect (memory only), or as it came. */
    private transient HostConfig effective;
    private transient SignInDialog signInDialog;
    private final transient LocalDesktop desktop;
    private final transient WindowWatch windows = new WindowWatch();
    private final transient HostTunnel.Opener opener;
    private final String brand;
    private final CardLayout cards = new FittingCards();
    private final JPanel body = new JPanel(cards);

    private final HintField ticket = new HintField(12);
    private final JLabel ticketError = new JLabel(" ");
    private final JComboBox<String> serviceChoice = new JComboBox<>();
    private final HintField name = new HintField(20);
    private final HintField message = new HintField(20);
    private final JButton connect;

    private final JLabel progress = new JLabel(" ");
    private final JLabel progressHotkey = new JLabel(" ");
    private final JLabel connectedHotkey = new JLabel(" ");
    private final JLabel code = new JLabel(" ");
    private final JLabel who = new JLabel(" ");
    private final JLabel may = new JLabel(" ");
    private final JButton tryAgain = new JButton(new AbstractAction("Try again") {
        private static final long serialVersionUID = 1L;

        @Override
        public void actionPerformed(ActionEvent e) {
            tryAgain();
        }
    });
    private final SharingPanel sharing;
    private final JLabel blocked = new JLabel(" ");
    private final JLabel endedTitle = new JLabel(" ");
    private final JLabel endedNext = new JLabel(" ");
    private final JLabel proxyTitle = new JLabel(" ");
    private final JLabel proxyNext = new JLabel(" ");
    private final JTextField proxyUser = new JTextField(18);
    private final JPasswordField proxyPassword = new JPasswordField(18);
    private final JButton signIn = new JButton(new AbstractAction("Try again") {
        private static final long serialVersionUID = 1L;

        @Override
        public void actionPerformed(ActionEvent e) {
            signIn();
        }
    });

    private final Action disconnect;
    private final transient java.awt.KeyEventDispatcher hotkeyWatch;
    private transient HelpRequestFlow flow;
    private transient ConfirmAccessDialog confirming;
    private transient Consumer<Boolean> verifying;
    private transient Consumer<PasswordAuthentication> signingIn;
    private boolean closeWhenEnded;
    private boolean over;

    public HostDialog(HostConfig config, ScreenCapture screen, InputInjector.Robotic input, HostTunnel.Opener opener) {
        this.config = config;
        this.effective = config;
        this.opener = opener;
        this.brand = config.brandName() == null || config.brandName().isBlank() ? "Deskside" : config.brandName();
        this.sharing = new SharingPanel(brand);
        this.desktop = new LocalDesktop(screen, input, windows, sharing, new SwingFileConsent(this, brand, sharing::technician), sharing)
                .annotatedBy(new AnnotationPointer());
        setTitle(brand);
        setAlwaysOnTop(true);
        setResizable(false);
        setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                closeRequested();
            }
        });

        disconnect = new AbstractAction(config.label("disconnect", "Disconnect")) {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                // The key's dispatcher says so; otherwise it is the button.
                disconnect(Hotkey.COMMAND.equals(e.getActionCommand()) ? DisconnectReason.HOTKEY : DisconnectReason.HOST_ENDED);
            }
        };
        disconnect.setEnabled(false);
        hotkeyWatch = Hotkey.watch(disconnect);

        connect = new JButton(new AbstractAction(config.label("connect", "Connect")) {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                connect();
            }
        });
        body.add(askPanel(), ASK);
        body.add(progressPanel(), PROGRESS);
        body.add(verifyPanel(), VERIFY);
        body.add(connectedPanel(), CONNECTED);
        body.add(endedPanel(), ENDED);
        body.add(proxyPanel(), PROXY);
        body.setBorder(BorderFactory.createEmptyBorder(12, 14, 12, 14));
        setContentPane(body);
        getRootPane().setDefaultButton(connect);

        name.setHint(DefaultName.user());
        Thread lookUp = new Thread(() -> {
            String found = DefaultName.lookUp();
            SwingUtilities.invokeLater(() -> name.setHint(found));
        }, "deskside-name");
        lookUp.setDaemon(true);
        lookUp.start();
        pack();
        setLocationRelativeTo(null);
    }

    /** Gone: the key means nothing to this program any more. */
    @Override
    public void dispose() {
        java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().removeKeyEventDispatcher(hotkeyWatch);
        super.dispose();
    }

    /** Shows the window; in AUTO mode the request starts at once. */
    public void open() {
        windows.start();
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowOpened(WindowEvent e) {
                java.awt.Toolkit.getDefaultToolkit().sync();
                io.deskside.host.Timing.mark("shown");
                io.deskside.host.WarmUp.start();
            }
        });
        setVisible(true);
        if (config.mode() == HostConfig.Mode.AUTO) {
            connect();
        }
    }

    // ---- the panels

    private JPanel askPanel() {
        JPanel p = new JPanel(new GridBagLayout());
        int row = 0;
        // One sentence on what this window is for: the end user downloaded it a minute ago.
        JLabel intro = new JLabel(config.mode() == HostConfig.Mode.TICKET
                ? config.label("intro", "Type the ticket number the help desk gave you, then Connect.")
                : config.label("intro", "Connect, and the help desk sees your request."));
        GridBagConstraints top = new GridBagConstraints();
        top.gridx = 0;
        top.gridy = row++;
        top.gridwidth = 2;
        top.anchor = GridBagConstraints.WEST;
        top.insets = new Insets(0, 0, 8, 0);
        p.add(intro, top);
        switch (config.mode()) {
            case TICKET -> {
                ticket.setHint("123-456-789");
                row = field(p, row, config.label("ticket", "Ticket number"), ticket);
                ticketError.setForeground(new Color(0xB00020));
                // Shown only when there is something to say: an empty row would gap the form.
                ticketError.setVisible(false);
                row = field(p, row, "", ticketError);
            }
            case CHOOSE -> {
                config.services().forEach(serviceChoice::addItem);
                row = field(p, row, config.label("service", "Help with"), serviceChoice);
            }
            case FIXED, AUTO -> row = field(p, row, config.label("service", "Help with"), new JLabel(firstService()));
        }
        if (config.nameShown()) {
            row = field(p, row, config.label("name", "Your name"), name);
        }
        if (config.messageShown()) {
            row = field(p, row, config.label("message", "Message"), message);
        }
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 1;
        c.gridy = row;
        c.anchor = GridBagConstraints.EAST;
        c.insets = new Insets(8, 0, 0, 0);
        p.add(connect, c);
        return p;
    }

    private static int field(JPanel p, int row, String label, JComponent field) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = row;
        c.gridx = 0;
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(2, 0, 2, 8);
        p.add(new JLabel(label), c);
        c.gridx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        c.insets = new Insets(2, 0, 2, 0);
        p.add(field, c);
        return row + 1;
    }

    private JPanel progressPanel() {
        JPanel p = column(progress, progressHotkey);
        p.add(buttons(new JButton(disconnect)));
        return p;
    }

    private JPanel verifyPanel() {
        code.setFont(code.getFont().deriveFont(Font.BOLD, 48f));
        JButton yes = new JButton(new AbstractAction("Yes, it matches") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                verified(true);
            }
        });
        yes.setMnemonic(KeyEvent.VK_Y);
        JButton no = new JButton(new AbstractAction("No") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                verified(false);
            }
        });
        no.setMnemonic(KeyEvent.VK_N);
        JPanel p = column(new JLabel("Read this code to the technician:"), code, new JLabel("Does it match theirs?"));
        p.add(buttons(no, yes));
        return p;
    }

    private JPanel connectedPanel() {
        JPanel p = column(who, may, sharing, blocked, connectedHotkey);
        p.add(buttons(new JButton(disconnect)));
        return p;
    }

    private JPanel endedPanel() {
        endedTitle.setFont(endedTitle.getFont().deriveFont(Font.BOLD));
        JButton close = new JButton(new AbstractAction("Close") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                dispose();
            }
        });
        tryAgain.setVisible(false);
        JPanel p = column(endedTitle, endedNext);
        p.add(buttons(tryAgain, close));
        return p;
    }

    /**
     * A proxy wants a login: what it is (the failure's words), the proxy's user name and password,
     * and Try again with them, or Close.
     */
    private JPanel proxyPanel() {
        proxyTitle.setFont(proxyTitle.getFont().deriveFont(Font.BOLD));
        JPanel fields = new JPanel(new GridBagLayout());
        fields.setBorder(BorderFactory.createEmptyBorder(8, 0, 0, 0));
        int row = field(fields, 0, "User name", proxyUser);
        field(fields, row, "Password", proxyPassword);
        JButton close = new JButton(new AbstractAction("Close") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                closeRequested();
            }
        });
        JPanel p = column(proxyTitle, proxyNext, fields);
        p.add(buttons(signIn, close));
        return p;
    }

    /**
     * Try again with the proxy login typed. The password leaves the field as a copy inside the
     * login (which the help request clears when done with it); the field's and this copy are wiped here.
     */
    private void signIn() {
        Consumer<PasswordAuthentication> answer = signingIn;
        String user = proxyUser.getText().strip();
        if (answer == null) {
            return;
        }
        if (user.isEmpty()) {
            proxyUser.requestFocusInWindow();
            return;
        }
        char[] typed = proxyPassword.getPassword();
        PasswordAuthentication login = new PasswordAuthentication(user, typed);
        Arrays.fill(typed, '\0');
        proxyPassword.setText("");
        signingIn = null;
        setTitle(brand);
        showProgress("Connecting to the help desk\u2026", true);
        answer.accept(login);
    }

    /** After a failure (a mistyped ticket, a help desk out of reach), the form again, as it was. */
    private void tryAgain() {
        releaseHotkey();
        flow = null;
        over = false;
        closeWhenEnded = false;
        setTitle(brand);
        tryAgain.setVisible(false);
        cards.show(body, ASK);
        getRootPane().setDefaultButton(connect);
        pack();
        (config.mode() == HostConfig.Mode.TICKET ? ticket : connect).requestFocusInWindow();
    }

    private static JPanel column(JComponent... parts) {
        JPanel p = new JPanel();
        p.setLayout(new BoxLayout(p, BoxLayout.Y_AXIS));
        for (JComponent c : parts) {
            c.setAlignmentX(LEFT_ALIGNMENT);
            p.add(c);
        }
        return p;
    }

    private static JPanel buttons(JButton... bs) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        p.setAlignmentX(LEFT_ALIGNMENT);
        p.setBorder(BorderFactory.createEmptyBorder(8, 0, 0, 0));
        for (JButton b : bs) {
            p.add(b);
        }
        return p;
    }

    private String firstService() {
        return config.services().isEmpty() ? "" : config.services().get(0);
    }

    // ---- what the end user does

    private void connect() {
        HelpRequestFlow.Target target;
        switch (config.mode()) {
            case TICKET -> {
                try {
                    target = new HelpRequestFlow.Ticket(TicketCode.parse(ticket.getText()));
                } catch (IllegalArgumentException e) {
                    ticketError.setText("A ticket is 9 digits, like 123-456-789.");
                    ticketError.setVisible(true);
                    ticket.requestFocusInWindow();
                    pack();
                    return;
                }
            }
            case CHOOSE -> target = serviceChoice.getSelectedItem() == null ? null
                    : new HelpRequestFlow.Service((String) serviceChoice.getSelectedItem());
            default -> target = firstService().isEmpty() ? null : new HelpRequestFlow.Service(firstService());
        }
        if (target == null) {
            showEnded(new FailureText("This copy of Deskside names no help service", "Download it again from your help desk.", false));
            return;
        }
        ticketError.setText(" ");
        ticketError.setVisible(false);
        io.deskside.host.Timing.mark("connect");
        assignHotkey();
        if (effective.credential() == null) {
            fetchCredentialThenAsk(target);
            return;
        }
        ask(target);
    }

    /**
     * This copy carries no gateway credential: one is fetched from the help desk first, off the
     * EDT, signing in if it asks (host-plan §2.4); kept in memory for Try again.
     */
    private void fetchCredentialThenAsk(HelpRequestFlow.Target target) {
        if (signInDialog == null) {
            signInDialog = new SignInDialog(this, brand);
        }
        SignInDialog prompt = signInDialog;
        showProgress("Connecting to the help desk\u2026", false);
        Thread fetch = new Thread(() -> {
            CredentialSource.Result result = new CredentialSource(config).obtain(prompt);
            SwingUtilities.invokeLater(() -> {
                if (result instanceof CredentialSource.Obtained o) {
                    effective = config.withCredential(o.credential());
                    ask(target);
                } else if (result instanceof CredentialSource.Failed f) {
                    showEnded(f.text());
                } else {
                    tryAgain();
                }
            });
        }, "deskside-credential");
        fetch.setDaemon(true);
        fetch.start();
    }

    private void ask(HelpRequestFlow.Target target) {
        flow = new HelpRequestFlow(effective, target, OutgoingText.fit(name.valueOrHint(), Message.MAX_NAME),
                OutgoingText.fit(message.getText().strip(), Message.MAX_TEXT),
                new EdtView(), desktop, opener);
        showProgress("Connecting to the help desk\u2026", true);
        flow.start();
    }

    private void disconnect(DisconnectReason reason) {
        if (flow != null && disconnect.isEnabled()) {
            disconnect.setEnabled(false);
            showProgress("Disconnecting\u2026", false);
            flow.disconnect(reason);
        }
    }

    /** Closing the window ends a live request first (no "are you sure"), and closes once the goodbye is said. */
    private void closeRequested() {
        if (flow == null || over) {
            dispose();
            return;
        }
        closeWhenEnded = true;
        Consumer<PasswordAuthentication> answer = signingIn;
        if (answer != null) {
            // Asked for a proxy login: no login is an answer too, and the request ends (then the window closes).
            signingIn = null;
            proxyPassword.setText("");
            answer.accept(null);
            return;
        }
        if (disconnect.isEnabled()) {
            disconnect(DisconnectReason.HOST_ENDED);
        }
    }

    private void verified(boolean matches) {
        Consumer<Boolean> v = verifying;
        verifying = null;
        if (v != null) {
            setTitle(brand);
            showProgress(matches ? "Starting the session\u2026" : "Stopping\u2026", true);
            v.accept(matches);
        }
    }

    // ---- what the help request tells the window (on the EDT)

    private void showProgress(String text, boolean live) {
        progress.setText(text);
        progressHotkey.setVisible(live);
        disconnect.setEnabled(live);
        cards.show(body, PROGRESS);
        pack();
    }

    /** The first free function key from F12 down becomes this request's emergency disconnect. */
    private void assignHotkey() {
        releaseHotkey();
        Window[] mine = java.util.stream.Stream.concat(java.util.stream.Stream.of(this), java.util.Arrays.stream(getOwnedWindows()))
                .toArray(Window[]::new);
        java.util.OptionalInt key = Hotkey.choose(config.hotkeyAvoid(), Hotkey.takenIn(mine));
        disconnect.putValue(Action.ACCELERATOR_KEY, key.isPresent() ? Hotkey.stroke(key.getAsInt()) : null);
        String said = Hotkey.instruction((KeyStroke) disconnect.getValue(Action.ACCELERATOR_KEY));
        progressHotkey.setText(said);
        connectedHotkey.setText(said);
    }

    /** Not connected: the key does nothing again (in the Confirm dialog either, which is gone by then). */
    private void releaseHotkey() {
        disconnect.putValue(Action.ACCELERATOR_KEY, null);
    }

    private void showEnded(FailureText why) {
        releaseHotkey();
        if (confirming != null) {
            confirming.withdraw();
            confirming = null;
        }
        verifying = null;
        signingIn = null;
        proxyPassword.setText("");
        over = true;
        disconnect.setEnabled(false);
        setTitle(brand);
        endedTitle.setText(why.title());
        endedNext.setText("<html><body style='width: 280px'>" + Html.escape(why.nextStep()) + "</body></html>");
        boolean retry = !why.ended() && !closeWhenEnded;
        tryAgain.setVisible(retry);
        if (retry) {
            getRootPane().setDefaultButton(tryAgain);
        }
        cards.show(body, ENDED);
        pack();
        if (closeWhenEnded) {
            dispose();
        } else if (why.ended()) {
            // An ordinary end: the end user has read it by then, and the Host leaves.
            Timer close = new Timer(CLOSE_AFTER_END_MILLIS, e -> dispose());
            close.setRepeats(false);
            close.start();
        }
    }

    /** The help request's view of this window: each call goes to the EDT. */
    private final class EdtView implements HostView {

        @Override
        public void proxySignIn(FailureText why, Consumer<PasswordAuthentication> login) {
            SwingUtilities.invokeLater(() -> {
                signingIn = login;
                proxyTitle.setText(why.title());
                proxyNext.setText("<html><body style='width: 280px'>" + Html.escape(why.nextStep()) + "</body></html>");
                proxyPassword.setText("");
                disconnect.setEnabled(false);
                // What the window wants, in the taskbar too (and for a test to find from outside).
                setTitle(brand + " \u2013 Proxy sign-in");
                cards.show(body, PROXY);
                getRootPane().setDefaultButton(signIn);
                pack();
                toFront();
                (proxyUser.getText().isBlank() ? proxyUser : proxyPassword).requestFocusInWindow();
            });
        }

        @Override
        public void waiting() {
            SwingUtilities.invokeLater(() -> {
                io.deskside.host.Timing.mark("waiting");
                setTitle(brand + " \u2013 Waiting\u2026");
                showProgress("Waiting for a technician\u2026", true);
            });
        }

        @Override
        public void confirm(String technician, Set<Permission> requested, Consumer<Set<Permission>> answer) {
            SwingUtilities.invokeLater(() -> {
                confirming = new ConfirmAccessDialog(HostDialog.this, brand, technician, requested, config.allow(), disconnect, answer);
                ConfirmAccessDialog shown = confirming;
                shown.ask();
                if (confirming == shown) {
                    confirming = null;
                }
            });
        }

        @Override
        public void securing() {
            SwingUtilities.invokeLater(() -> showProgress("Securing the connection\u2026", true));
        }

        @Override
        public void verify(String verificationCode, Consumer<Boolean> matches) {
            SwingUtilities.invokeLater(() -> {
                verifying = matches;
                code.setText(verificationCode);
                // In the title too while the code is up: the taskbar shows it, and a test reads it from outside (host-plan §6.3).
                setTitle(brand + " \u2013 Code " + verificationCode);
                disconnect.setEnabled(true);
                cards.show(body, VERIFY);
                pack();
                // A question for the end user, as the Confirm dialog was: in front and focused, so Alt+Y / Alt+N answer it
                // (without a window manager nobody gives the focus back once the Confirm dialog is gone).
                toFront();
                requestFocus();
            });
        }

        @Override
        public void connected(String technician, Set<Permission> inForce) {
            SwingUtilities.invokeLater(() -> {
                setTitle(brand + " \u2013 Connected");
                who.setText("<html>Connected to <b>" + Html.escape(technician) + "</b></html>");
                // Wrapped, so the connected window stays a compact bar whatever was allowed.
                may.setText("<html><body style='width: 280px'>The technician may: " + Html.escape(PermissionWords.list(inForce)) + "</body></html>");
                sharing.connected(technician, inForce, flow);
                disconnect.setEnabled(true);
                cards.show(body, CONNECTED);
                pack();
            });
        }

        @Override
        public void chat(String text) {
            SwingUtilities.invokeLater(() -> {
                sharing.technicianSaid(text);
            });
        }

        @Override
        public void blocked(Permission permission) {
            SwingUtilities.invokeLater(() -> {
                blocked.setText("The technician tried to " + PermissionWords.of(permission) + " \u2014 blocked");
                pack();
            });
        }

        @Override
        public void ended(FailureText why) {
            SwingUtilities.invokeLater(() -> showEnded(why));
        }
    }

    /** Cards sized to the one shown, not the largest: the window shrinks when connected, and no state shows a blank half. */
    private static final class FittingCards extends CardLayout {
        private static final long serialVersionUID = 1L;

        @Override
        public java.awt.Dimension preferredLayoutSize(java.awt.Container parent) {
            for (java.awt.Component c : parent.getComponents()) {
                if (c.isVisible()) {
                    java.awt.Insets in = parent.getInsets();
                    java.awt.Dimension d = c.getPreferredSize();
                    return new java.awt.Dimension(d.width + in.left + in.right + 2 * getHgap(), d.height + in.top + in.bottom + 2 * getVgap());
                }
            }
            return super.preferredLayoutSize(parent);
        }
    }
}
