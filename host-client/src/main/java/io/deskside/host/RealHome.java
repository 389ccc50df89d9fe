package io.deskside.host;

import java.nio.file.Path;

/**
 * The end user's home directory. While the Host runs, {@code user.home} is {@code /dev/null}
 * (on Linux and macOS; {@link HostMain} sets it before Swing loads), so that the JDK writes no
 * cache under the real one and the Host leaves nothing behind (host-plan §5.1). The file chooser
 * is the one thing that needs the real home: it asks here.
 */
public final class RealHome {

    private static volatile Path home;

    private RealHome() {
    }

    /** Called once by {@link HostMain}, before {@code user.home} is changed. */
    static void remember(String userHome) {
        if (home == null && userHome != null && !userHome.isBlank()) {
            home = Path.of(userHome);
        }
    }

    /** The real home, or (if {@link HostMain} did not start this process, as in a test) {@code user.home} as it is. */
    public static Path path() {
        Path h = home;
        return h != null ? h : Path.of(System.getProperty("user.home", "."));
    }
}
