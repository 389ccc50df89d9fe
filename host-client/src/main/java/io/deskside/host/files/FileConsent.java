package io.deskside.host.files;

import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The end user's say over files, both ways (host-plan §3.7): nothing is written that they did not
 * choose to save, and nothing is read or offered that they did not choose to send. The Host asks
 * through a window ({@code ui.SwingFileConsent}); tests answer without one. A call returns at
 * once; the answer comes later, once, on any thread.
 */
public interface FileConsent {

    /** Where the end user chose to save an offered file; {@code replace} if they agreed to replace what is there. */
    record SaveAs(Path file, boolean replace) {
        public SaveAs {
            Objects.requireNonNull(file, "file");
            if (file.getParent() == null || file.getFileName() == null) {
                throw new IllegalArgumentException("a file in a folder, not " + file);
            }
        }
    }

    /** The technician offers a file: "Bob wants to send you report.pdf (2.1 MB)". Empty is Refuse. */
    void offered(FileOffer offer, Consumer<Optional<SaveAs>> answer);

    /** The end user asked to send a file: the file they chose and confirmed sending, or empty. */
    void chooseToSend(Consumer<Optional<Path>> answer);

    /** Says no to everything: for a session built without a window to ask in. */
    FileConsent REFUSE_ALL = new FileConsent() {
        @Override
        public void offered(FileOffer offer, Consumer<Optional<SaveAs>> answer) {
            answer.accept(Optional.empty());
        }

        @Override
        public void chooseToSend(Consumer<Optional<Path>> answer) {
            answer.accept(Optional.empty());
        }
    };
}
