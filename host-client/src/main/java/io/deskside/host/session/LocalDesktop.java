package io.deskside.host.session;

import io.deskside.host.files.FileConsent;
import io.deskside.host.files.TransferView;
import io.deskside.host.input.HostWindows;
import io.deskside.host.input.InputInjector;
import io.deskside.host.screen.MousePointer;
import io.deskside.host.screen.PointerSource;
import io.deskside.host.screen.ScreenCapture;
import java.util.Objects;

/**
 * The end user's desktop as a session reaches it: the screen it captures and the mouse pointer on
 * it, the input it injects, the Host's own windows to keep out of, the clipboard the technician
 * may put text on, the end user's say over files (consent each way, and where transfers are
 * shown), and where the technician's annotations are drawn.
 */
public record LocalDesktop(ScreenCapture screen, InputInjector.Robotic input, HostWindows hostWindows, LocalClipboard clipboard,
        FileConsent fileConsent, TransferView transfers, PointerSource pointer, Annotations annotations) {

    public LocalDesktop {
        Objects.requireNonNull(screen, "screen");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(hostWindows, "hostWindows");
        Objects.requireNonNull(clipboard, "clipboard");
        Objects.requireNonNull(fileConsent, "fileConsent");
        Objects.requireNonNull(transfers, "transfers");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(annotations, "annotations");
    }

    /** The system's mouse pointer, and no annotations until {@link #annotatedBy} says where they go. */
    public LocalDesktop(ScreenCapture screen, InputInjector.Robotic input, HostWindows hostWindows, LocalClipboard clipboard,
            FileConsent fileConsent, TransferView transfers) {
        this(screen, input, hostWindows, clipboard, fileConsent, transfers, new MousePointer(), Annotations.NONE);
    }

    /**
     * A desktop without a clipboard, a pointer or annotations, that refuses every file: for sessions
     * that only show the screen and take input.
     */
    public LocalDesktop(ScreenCapture screen, InputInjector.Robotic input, HostWindows hostWindows) {
        this(screen, input, hostWindows, LocalClipboard.NONE, FileConsent.REFUSE_ALL, TransferView.NONE, PointerSource.NONE, Annotations.NONE);
    }

    /** This desktop, drawing the technician's annotations with {@code drawn}. */
    public LocalDesktop annotatedBy(Annotations drawn) {
        return new LocalDesktop(screen, input, hostWindows, clipboard, fileConsent, transfers, pointer, drawn);
    }

    /** This desktop, with its pointer told by {@code source}. */
    public LocalDesktop pointedBy(PointerSource source) {
        return new LocalDesktop(screen, input, hostWindows, clipboard, fileConsent, transfers, source, annotations);
    }
}
