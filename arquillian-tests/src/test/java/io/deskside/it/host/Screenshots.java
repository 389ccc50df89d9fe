package io.deskside.it.host;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Pictures of the Host's windows for the documentation, taken by the Host tests as they pass each
 * state, only when asked: the system property {@value #DIR} names the directory (docs/images), and
 * each picture is {@code host-<name>.png} at scale 1, {@code host-<name>@2x.png} when the Host runs
 * at {@code deskside.host.scale=2} ({@link HostProcess#scale()}). Unasked, nothing is taken and no
 * time is spent.
 */
public final class Screenshots {

    public static final String DIR = "deskside.screenshots";
    /** A window just found (or just resized by a {@code pack()}) may not have painted its new size yet. */
    static final Duration SETTLE = Duration.ofMillis(300);
    /** How long {@link #takeIfShowing} looks for a window that may be closing. */
    static final Duration LOOK = Duration.ofSeconds(2);

    private Screenshots() {
    }

    /** Whether pictures are asked for. */
    public static boolean enabled() {
        return !System.getProperty(DIR, "").isBlank();
    }

    /** Waits {@link #SETTLE}, then writes {@code w} as it is now to {@code <dir>/host-<name>[@<scale>x].png}; nothing unless asked. */
    public static void take(HostProcess host, HostProcess.Window w, String name) throws IOException, InterruptedException {
        if (!enabled()) {
            return;
        }
        Thread.sleep(SETTLE.toMillis());
        Path png = Path.of(System.getProperty(DIR).strip()).resolve("host-" + name + suffix() + ".png");
        host.screenshot(w, png);
    }

    /**
     * For a window that closes by itself (the session's end): takes the window titled {@code title}
     * if it shows within {@link #LOOK}, and otherwise says so on the test's output; never fails the test.
     */
    public static void takeIfShowing(HostProcess host, String title, String name) throws IOException, InterruptedException {
        if (!enabled()) {
            return;
        }
        long deadline = System.nanoTime() + LOOK.toNanos();
        Optional<HostProcess.Window> found;
        while ((found = host.find(title)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(HostProcess.POLL.toMillis());
        }
        if (found.isEmpty()) {
            System.out.println("screenshot host-" + name + " not taken: no window titled \"" + title + "\" within " + LOOK);
            return;
        }
        take(host, found.get(), name);
    }

    /** "" at scale 1 (or unset), "@2x" at 2, "@1.5x" at 1.5; an unparsable scale is used as it is written. */
    static String suffix() {
        Optional<String> scale = HostProcess.scale();
        if (scale.isEmpty()) {
            return "";
        }
        try {
            double s = Double.parseDouble(scale.get());
            if (s == 1) {
                return "";
            }
            return "@" + (s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s)) + "x";
        } catch (NumberFormatException e) {
            return "@" + scale.get();
        }
    }
}
