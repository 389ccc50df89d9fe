package io.deskside.host.ui;

import io.deskside.host.files.FileConsent;
import io.deskside.host.files.Sizes;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import java.awt.Component;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;

/**
 * The end user's say over files, asked in Swing dialogs on the EDT: "Bob wants to send you
 * report.pdf (2.1 MB). Save… / Refuse" (Refuse is the default, so Enter never takes a file), then
 * where to save it; and, for "Send a file…", which file and "Send report.txt (12 KB) to Bob?".
 * The dialogs are modal, so while one is up no key from the technician is injected (host-plan §3.5).
 */
final class SwingFileConsent implements FileConsent {

    private final Component owner;
    private final String title;
    private final Supplier<String> technician;

    SwingFileConsent(Component owner, String title, Supplier<String> technician) {
        this.owner = owner;
        this.title = title;
        this.technician = technician;
    }

    @Override
    public void offered(FileOffer offer, Consumer<Optional<SaveAs>> answer) {
        SwingUtilities.invokeLater(() -> answer.accept(askToSave(offer)));
    }

    @Override
    public void chooseToSend(Consumer<Optional<Path>> answer) {
        SwingUtilities.invokeLater(() -> answer.accept(askToSend()));
    }

    private Optional<SaveAs> askToSave(FileOffer offer) {
        String name = offer.name().value();
        String[] options = {"Save\u2026", "Refuse"};
        int choice = JOptionPane.showOptionDialog(owner,
                "<html><b>" + Html.escape(technician.get()) + "</b> wants to send you <b>" + Html.escape(name) + "</b> ("
                        + Sizes.of(offer.size()) + ").</html>",
                title, JOptionPane.DEFAULT_OPTION, JOptionPane.QUESTION_MESSAGE, null, options, options[1]);
        if (choice != 0) {
            return Optional.empty();
        }
        JFileChooser chooser = HostFileChooser.create();
        chooser.setDialogTitle("Save " + name);
        chooser.setSelectedFile(new File(chooser.getCurrentDirectory(), name));
        while (chooser.showSaveDialog(owner) == JFileChooser.APPROVE_OPTION) {
            Path file = chooser.getSelectedFile().toPath();
            if (!Files.exists(file)) {
                return Optional.of(new SaveAs(file, false));
            }
            if (Files.isDirectory(file)) {
                chooser.setCurrentDirectory(file.toFile());
                chooser.setSelectedFile(new File(file.toFile(), name));
                continue;
            }
            int replace = JOptionPane.showConfirmDialog(owner, "<html><b>" + Html.escape(file.getFileName().toString())
                    + "</b> is there already. Replace it?</html>", title, JOptionPane.YES_NO_OPTION, JOptionPane.WARNING_MESSAGE);
            if (replace == JOptionPane.YES_OPTION) {
                return Optional.of(new SaveAs(file, true));
            }
        }
        return Optional.empty();
    }

    private Optional<Path> askToSend() {
        JFileChooser chooser = HostFileChooser.create();
        chooser.setDialogTitle("Send a file to " + technician.get());
        if (chooser.showOpenDialog(owner) != JFileChooser.APPROVE_OPTION) {
            return Optional.empty();
        }
        Path file = chooser.getSelectedFile().toPath();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            JOptionPane.showMessageDialog(owner, file.getFileName() + " cannot be read.", title, JOptionPane.WARNING_MESSAGE);
            return Optional.empty();
        }
        String[] options = {"Send", "Cancel"};
        int choice = JOptionPane.showOptionDialog(owner,
                "<html>Send <b>" + Html.escape(file.getFileName().toString()) + "</b> (" + Sizes.of(size) + ") to <b>"
                        + Html.escape(technician.get()) + "</b>?</html>",
                title, JOptionPane.DEFAULT_OPTION, JOptionPane.QUESTION_MESSAGE, null, options, options[1]);
        return choice == 0 ? Optional.of(file) : Optional.empty();
    }
}
