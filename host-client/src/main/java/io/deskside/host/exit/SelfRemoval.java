package io.deskside.host.exit;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * The Host leaves nothing behind: when it is done it deletes the jar it was started from, then
 * exits. Only a downloaded Host is removed: a regular {@code .jar} file that carries a
 * {@code host-config.xml} (never a build's class folder), and not when
 * {@code -Ddeskside.host.keep-jar=true} (the benchmarks run one jar many times).
 *
 * <p>Linux and macOS: the file is unlinked at once; the running JVM keeps reading it until it
 * exits. Windows locks a running jar, so a detached {@code cmd} deletes it once this process is
 * gone (Windows does not end a child with its parent); that path is not tested here, since there
 * is no Windows machine in CI (README).
 */
public final class SelfRemoval {

    static final String CONFIG_ENTRY = "host-config.xml";

    private SelfRemoval() {
    }

    /** Deletes this Host's jar, if it is one to delete, and ends the process with {@code status}. */
    public static void removeAndExit(int status) {
        if (!Boolean.getBoolean("deskside.host.keep-jar")) {
            ownJar().ifPresent(SelfRemoval::remove);
        }
        System.exit(status);
    }

    /** The jar this Host runs from, if it is a downloaded Host: a .jar file with a configuration inside. */
    public static Optional<Path> ownJar() {
        try {
            CodeSource source = SelfRemoval.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI());
            return isDownloadedHost(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    static boolean isDownloadedHost(Path path) {
        if (!Files.isRegularFile(path) || !path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            return jar.getEntry(CONFIG_ENTRY) != null;
        } catch (IOException e) {
            return false;
        }
    }

    static void remove(Path jar) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            String quoted = "\"" + jar.toAbsolutePath() + "\"";
            // Up to 30 tries, a second apart, until the file is gone: this process must end first.
            ProcessBuilder cmd = new ProcessBuilder("cmd", "/c",
                    "for /l %i in (1,1,30) do (del /f /q " + quoted + " 2>nul & if not exist " + quoted + " exit) & ping -n 2 127.0.0.1 >nul")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            try {
                cmd.start();
            } catch (IOException e) {
                // Nothing more to do: the jar stays where the browser saved it.
            }
            return;
        }
        try {
            Files.deleteIfExists(jar);
        } catch (IOException e) {
            // A read-only download folder: the jar stays; there is no one to tell at this point.
        }
    }
}
