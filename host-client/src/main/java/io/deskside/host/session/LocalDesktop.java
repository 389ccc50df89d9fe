package io.deskside.host.session;

import io.deskside.host.input.HostWindows;
import io.deskside.host.input.InputInjector;
import io.deskside.host.screen.ScreenCapture;
import java.util.Objects;

/** The end user's desktop as a session reaches it: the screen it captures, the input it injects, and the Host's own windows to keep out of. */
public record LocalDesktop(ScreenCapture screen, InputInjector.Robotic input, HostWindows hostWindows) {

    public LocalDesktop {
        Objects.requireNonNull(screen, "screen");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(hostWindows, "hostWindows");
    }
}
