package io.deskside.host.ui;

import io.deskside.host.files.TransferView;
import io.deskside.host.request.HelpRequestFlow;
import io.deskside.host.screen.DesktopGeometry;
import io.deskside.host.screen.SharedScreens;
import io.deskside.host.session.LocalClipboard;
import io.deskside.host.session.OutgoingText;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.desktop.files.TransferState;
import io.deskside.protocol.wire.Message.Permission;
import java.awt.BorderLayout;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;

/**
 * What the end user and the technician share in the connected window, each part shown only when
 * its permission is in force: chat (the last lines, a field and Send), the clipboard (the
 * technician's text lands on it and the window says so; "Send my clipboard" shows a preview
 * first), and files ("Send a file…", and a progress bar for each transfer). Nothing leaves the
 * computer without the end user's click. Only the EDT touches it; the session reaches it through
 * {@link LocalClipboard} and {@link TransferView}, whose calls it hands to the EDT.
 *
 * <p>With VIEW and more than one monitor, a row "Share: All screens / Screen 1 (main) / Screen 2
 * …" lets the end user keep a screen to themselves (Alt+S reaches it); the next capture follows
 * the choice. It starts at all screens: the technician was let in to help, and help needs to
 * see where things happen (a dialog opening on the second screen, the pointer crossing over);
 * with one screen shown they would see windows vanish and clicks go nowhere (input off the
 * shared screens is dropped), while the row saying what is shared stays in view to narrow it.
 */
final class SharingPanel extends JPanel implements LocalClipboard, TransferView {

    private static final long serialVersionUID = 1L;
    /** Chat lines shown in the window; older ones scroll away. */
    static final int CHAT_LINES_SHOWN = 4;
    /** How much of the clipboard the end user sees before sending it. */
    static final int PREVIEW_CHARS = 200;

    private final String title;
    private final transient SharedScreens screens;
    final JLabel shareLabel = new JLabel("Share:");
    final JComboBox<String> shareChoice = new JComboBox<>();
    final JPanel shareRow = new JPanel();
    /** Set while the list is filled, so that filling it is not taken for the end user's choice. */
    private boolean filling;
    private final Deque<String> lines = new ArrayDeque<>();
    private final JLabel chatLines = new JLabel();
    private final HintField chatField = new HintField(22);
    /** Between the two buttons, shown only when both are: the row starts flush with the chat field. */
    private final java.awt.Component buttonGap = javax.swing.Box.createHorizontalStrut(6);
    private final JPanel chatRow = new JPanel(new BorderLayout(6, 0));
    private final JButton sendClipboard;
    private final JButton sendFile;
    private final JLabel note = new JLabel();
    private final JPanel transfers = new JPanel();
    private final Map<FileId, TransferRow> rows = new HashMap<>();
    private transient HelpRequestFlow flow;
    private String technician = "The technician";

    SharingPanel(String title) {
        this(title, SharedScreens.SYSTEM);
    }

    SharingPanel(String title, SharedScreens screens) {
        this.title = title;
        this.screens = screens;
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        setBorder(BorderFactory.createEmptyBorder(6, 0, 0, 0));
        Action sendChat = new AbstractAction("Send") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                sendChat();
            }
        };
        chatField.setAction(sendChat);
        chatRow.add(chatField, BorderLayout.CENTER);
        chatRow.add(new JButton(sendChat), BorderLayout.EAST);
        sendClipboard = new JButton(new AbstractAction("Send my clipboard") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                sendClipboard();
            }
        });
        sendFile = new JButton(new AbstractAction("Send a file\u2026") {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                if (flow != null) {
                    flow.sendAFile();
                }
            }
        });
        // Alt+C and Alt+F while the window has the focus: the keyboard reaches every button.
        sendClipboard.setMnemonic(KeyEvent.VK_C);
        sendFile.setMnemonic(KeyEvent.VK_F);
        shareLabel.setDisplayedMnemonic(KeyEvent.VK_S);
        shareLabel.setLabelFor(shareChoice);
        shareChoice.addActionListener(e -> {
            if (!filling && shareChoice.getSelectedIndex() >= 0) {
                screens.choose(shareChoice.getSelectedIndex()); // 0 is all screens, n is screen n
                if (screens.choice() != shareChoice.getSelectedIndex()) {
                    showScreens(screens.geometry()); // what is shared in the end: the desktop could not share that
                }
            }
        });
        // Rows start flush with the window's left edge, like the labels above them.
        shareRow.setLayout(new BoxLayout(shareRow, BoxLayout.X_AXIS));
        shareRow.setBorder(BorderFactory.createEmptyBorder(0, 0, 4, 0));
        shareRow.add(shareLabel);
        shareRow.add(javax.swing.Box.createHorizontalStrut(6));
        shareRow.add(shareChoice);
        chatField.setHint("Type a message to the technician");
        JPanel buttons = new JPanel();
        buttons.setLayout(new BoxLayout(buttons, BoxLayout.X_AXIS));
        buttons.setBorder(BorderFactory.createEmptyBorder(4, 0, 4, 0));
        buttons.add(sendClipboard);
        buttons.add(buttonGap);
        buttons.add(sendFile);
        transfers.setLayout(new BoxLayout(transfers, BoxLayout.Y_AXIS));
        for (var c : new JComponent[] {shareRow, chatLines, chatRow, buttons, note, transfers}) {
            c.setAlignmentX(LEFT_ALIGNMENT);
            add(c);
        }
        showFor(Set.of());
    }

    /** The session runs: what is in force decides what is shown. On the EDT. */
    void connected(String technicianName, Set<Permission> inForce, HelpRequestFlow sessionFlow) {
        technician = technicianName;
        flow = sessionFlow;
        showFor(inForce);
        if (chatRow.isVisible()) {
            // Remembered until the window next has the focus: clicking the bar, then typing, chats.
            chatField.requestFocusInWindow();
        }
    }

    /** The technician's name, for the file consent dialogs. On the EDT. */
    String technician() {
        return technician;
    }

    /** A chat line from the technician. On the EDT. */
    void technicianSaid(String text) {
        addLine("<i>Technician:</i> " + Html.escape(text));
    }

    private void showFor(Set<Permission> inForce) {
        showScreens(inForce.contains(Permission.VIEW) ? screens.refresh() : DesktopGeometry.NONE);
        boolean chat = inForce.contains(Permission.CHAT);
        chatLines.setVisible(chat && !lines.isEmpty());
        chatRow.setVisible(chat);
        sendClipboard.setVisible(inForce.contains(Permission.CLIPBOARD));
        sendFile.setVisible(inForce.contains(Permission.FILES));
        sendClipboard.getParent().setVisible(sendClipboard.isVisible() || sendFile.isVisible());
        buttonGap.setVisible(sendClipboard.isVisible() && sendFile.isVisible());
        note.setVisible(false);
        refit();
    }

    /** The share row: shown with more than one screen, listing them as {@link DesktopGeometry} numbers them. */
    private void showScreens(DesktopGeometry desktop) {
        List<DesktopGeometry.Screen> all = desktop.screens();
        filling = true;
        try {
            shareChoice.removeAllItems();
            shareChoice.addItem("All screens");
            for (int i = 0; i < all.size(); i++) {
                shareChoice.addItem("Screen " + (i + 1) + (all.get(i).primary() ? " (main)" : ""));
            }
            int chosen = screens.choice();
            shareChoice.setSelectedIndex(chosen >= 0 && chosen <= all.size() ? chosen : 0);
        } finally {
            filling = false;
        }
        shareChoice.setMaximumSize(shareChoice.getPreferredSize()); // as wide as its longest item, not the row
        shareRow.setVisible(all.size() > 1);
    }

    private void addLine(String html) {
        lines.addLast(html);
        while (lines.size() > CHAT_LINES_SHOWN) {
            lines.removeFirst();
        }
        chatLines.setText("<html>" + String.join("<br>", lines) + "</html>");
        chatLines.setVisible(true);
        refit();
    }

    private void sendChat() {
        String typed = chatField.getText();
        var line = OutgoingText.chat(typed);
        if (line.isEmpty() || flow == null) {
            return;
        }
        flow.chat(line.get());
        chatField.setText("");
        addLine("<i>You:</i> " + Html.escape(line.get()));
    }

    private void sendClipboard() {
        String text;
        try {
            var board = Toolkit.getDefaultToolkit().getSystemClipboard();
            text = board.isDataFlavorAvailable(DataFlavor.stringFlavor) ? (String) board.getData(DataFlavor.stringFlavor) : null;
        } catch (IllegalStateException | UnsupportedFlavorException | IOException e) {
            text = null;
        }
        if (text == null || text.isEmpty()) {
            say("Your clipboard holds no text to send.");
            return;
        }
        String preview = text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "\u2026" : text;
        JTextArea shown = new JTextArea(preview, 6, 36);
        shown.setEditable(false);
        shown.setLineWrap(true);
        JPanel ask = new JPanel(new BorderLayout(0, 6));
        ask.add(new JLabel("Send this text to " + technician + "?"), BorderLayout.NORTH);
        ask.add(new JScrollPane(shown), BorderLayout.CENTER);
        if (text.length() > PREVIEW_CHARS) {
            ask.add(new JLabel("(" + text.length() + " characters in all)"), BorderLayout.SOUTH);
        }
        String[] options = {"Send", "Cancel"};
        int choice = JOptionPane.showOptionDialog(this, ask, title, JOptionPane.DEFAULT_OPTION, JOptionPane.QUESTION_MESSAGE, null, options,
                options[1]);
        if (choice == 0 && flow != null) {
            flow.sendClipboard(text);
            say("Your clipboard text was sent to " + technician + ".");
        }
    }

    private void say(String text) {
        note.setText(text);
        note.setVisible(true);
        refit();
    }

    private void refit() {
        revalidate();
        Window w = SwingUtilities.getWindowAncestor(this);
        if (w != null && w.isShowing()) {
            w.pack();
        }
    }

    // ---- what the session tells it (any thread)

    @Override
    public void technicianPut(String text) {
        SwingUtilities.invokeLater(() -> {
            try {
                Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(text), null);
                say("The technician put text on your clipboard.");
            } catch (IllegalStateException e) {
                say("The technician sent text for your clipboard, but the clipboard was busy.");
            }
        });
    }

    @Override
    public void changed(Transfer t) {
        SwingUtilities.invokeLater(() -> {
            TransferRow row = rows.computeIfAbsent(t.id(), id -> {
                TransferRow r = new TransferRow();
                r.setAlignmentX(LEFT_ALIGNMENT);
                transfers.add(r);
                return r;
            });
            row.update(t);
            refit();
        });
    }

    @Override
    public void problem(String text) {
        SwingUtilities.invokeLater(() -> say(text));
    }

    /** One transfer: what and which way, and how far. */
    private static final class TransferRow extends JPanel {
        private static final long serialVersionUID = 1L;
        private final JLabel what = new JLabel();
        private final JProgressBar bar = new JProgressBar(0, 1000);

        TransferRow() {
            super(new BorderLayout(0, 2));
            setBorder(BorderFactory.createEmptyBorder(4, 0, 0, 0));
            add(what, BorderLayout.NORTH);
            add(bar, BorderLayout.CENTER);
        }

        void update(Transfer t) {
            String name = Html.escape(t.name());
            String way = t.incoming() ? "From the technician: <b>" + name + "</b>" : "To the technician: <b>" + name + "</b>";
            String state = switch (t.state()) {
                case DONE -> t.incoming() && t.savedAs() != null ? "saved in " + Html.escape(String.valueOf(t.savedAs().getParent())) : "done";
                case REFUSED -> "refused";
                case CANCELLED -> "cancelled";
                case FAILED -> "failed";
                case OFFERED -> t.incoming() ? "waiting for you" : "waiting for the technician";
                default -> Math.round(t.progress().fraction() * 100) + "%";
            };
            what.setText("<html>" + way + " \u2014 " + state + "</html>");
            bar.setValue((int) Math.round(t.progress().fraction() * 1000));
            bar.setVisible(!t.state().ended() || t.state() == TransferState.DONE);
        }
    }
}
