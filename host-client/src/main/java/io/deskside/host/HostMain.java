package io.deskside.host;

import io.deskside.host.config.HostConfig;
import io.deskside.host.config.HostConfigReader;
import io.deskside.host.config.InvalidConfig;
import io.deskside.host.ui.HostApp;
import io.deskside.protocol.crypto.SelfCheck;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Host's entry point ({@code java -jar deskside-host.jar}). Before anything else it moves
 * {@code user.home} out of the way (see {@link RealHome}) and silences logging, so that a run
 * leaves no file behind; then it reads the config this download was made with and opens the
 * window. {@code --self-check} instead tests the session crypto and the screen codec in this jar
 * (the build runs it against the shrunk jar).
 *
 * <p>This class must not touch AWT or Swing before {@code user.home} is set: the damaged-copy
 * dialog lives in a nested class so that loading this one loads none of them.
 */
public final class HostMain {

    /** {@code -Ddeskside.host.debug=true}: log to stderr, and say why a config is refused. */
    public static final String DEBUG_PROPERTY = "deskside.host.debug";
    public static final String CONFIG_RESOURCE = "/host-config.xml";
    public static final int EXIT_SELF_CHECK_FAILED = 1;
    public static final int EXIT_DAMAGED = 2;

    static final String DAMAGED = "This copy of Deskside is damaged. Download it again from your help desk.";

    /** Held so that the logger's level is not lost when it would otherwise be collected. */
    private static final Logger DESKSIDE_LOG = Logger.getLogger("io.deskside");

    private HostMain() {
    }

    public static void main(String[] args) {
        RealHome.remember(System.getProperty("user.home"));
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            System.setProperty("user.home", "/dev/null"); // Swing's font cache would go under it (host-plan §5.1)
        }
        boolean debug = Boolean.getBoolean(DEBUG_PROPERTY);
        configureLogging(debug);

        if (args.length > 0 && args[0].equals("--self-check")) {
            System.exit(selfCheck());
        }

        HostConfig config;
        try (InputStream in = HostMain.class.getResourceAsStream(CONFIG_RESOURCE)) {
            if (in == null) {
                damaged(debug, "no " + CONFIG_RESOURCE + " in the jar (the build's jar is made for no gateway; see HostJarBuilder)");
                return;
            }
            config = HostConfigReader.read(in);
        } catch (InvalidConfig | IOException e) {
            damaged(debug, e.getMessage());
            return;
        }
        HostApp.start(config);
    }

    /** Off, with no handler (none from a logging config file either), unless debugging: then stderr only. */
    private static void configureLogging(boolean debug) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        if (!debug) {
            root.setLevel(Level.OFF);
            return;
        }
        ConsoleHandler stderr = new ConsoleHandler();
        stderr.setLevel(Level.ALL);
        root.addHandler(stderr);
        // FINE for all: the shrunk jar's class names (and so its loggers' names) are not under io.deskside.
        root.setLevel(Level.FINE);
        DESKSIDE_LOG.setLevel(Level.FINE);
    }

    private static int selfCheck() {
        long start = System.nanoTime();
        try {
            SelfCheck.run();
        } catch (RuntimeException | LinkageError e) {
            System.err.println("Deskside self-check failed: " + e);
            return EXIT_SELF_CHECK_FAILED;
        }
        System.out.printf("Deskside self-check passed in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        return 0;
    }

    /** One human sentence for the end user; the detail for the help desk, with debugging on. Exits. */
    private static void damaged(boolean debug, String detail) {
        if (debug) {
            System.err.println("Deskside: the configuration cannot be used: " + detail);
        }
        DamagedDialog.show(DAMAGED);
        System.exit(EXIT_DAMAGED);
    }

    /** The only Swing in this class, loaded only when needed. */
    private static final class DamagedDialog {

        static void show(String message) {
            if (java.awt.GraphicsEnvironment.isHeadless()) {
                System.err.println(message);
                return;
            }
            try {
                javax.swing.SwingUtilities.invokeAndWait(() -> javax.swing.JOptionPane.showMessageDialog(null, message, "Deskside",
                        javax.swing.JOptionPane.ERROR_MESSAGE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.lang.reflect.InvocationTargetException | java.awt.HeadlessException e) {
                System.err.println(message);
            }
        }
    }
}
