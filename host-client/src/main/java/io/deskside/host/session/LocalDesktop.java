package io.deskside.host.session;

import io.deskside.host.files.FileConsent;
import io.deskside.host.files.TransferView;
import io.deskside.host.input.HostWindows;
import io.deskside.host.input.InputInjector;
import io.deskside.host.screen.ScreenCapture;
import java.util.Objects;

/**
 * The end user's desktop as a session reaches it: the screen it captures, the input it injects, the
 * Host's own windows to keep out of, the clipboard the technician may put text on, and the end
 * user's say over files (consent each way, and where transfers are shown).
 */
public record LocalDesktop(ScreenCapture screen, InputInjector.Robotic input, HostWindows hostWindows, LocalClipboard clipboard,
        FileConsent fileConsent, TransferView transfers) {

    public LocalDesktop {
        Objects.requireNonNull(screen, "screen");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(hostWindows, "hostWindows");
        Objects.requireNonNull(clipboard, "clipboard");
        Objects.requireNonNull(fileConsent, "fileConsent");
        Objects.requireNonNull(transfers, "transfers");
    }

    /** A desktop without a clipboard, that refuses every file: for sessions that only show the screen and take input. */
    public LocalDesktop(ScreenCapture screen, InputInjector.Robotic input, HostWindows hostWindows) {
        this(screen, input, hostWindows, LocalClipboard.NONE, FileConsent.REFUSE_ALL, TransferView.NONE);
    }
}
