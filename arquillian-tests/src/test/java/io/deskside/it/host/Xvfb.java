package io.deskside.it.host;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Rectangle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * The X display the Host tests run on: one virtual 1920x1080 screen per test JVM, started the
 * first time a test asks for it and stopped when the JVM exits. There is no window manager, so
 * a window's title, position and size are exactly what its program set. The test JVM itself
 * never opens the display (its {@code DISPLAY} is fixed at start); everything drawn on it is a
 * child process given {@link #environment()}.
 *
 * <p>The tools the tests use on the display (Xvfb, xwininfo, xdotool, ImageMagick's import)
 * come from {@code scripts/test.sh}. Without them a test is skipped on a developer's machine,
 * and fails under CI ({@code CI=true}), where a skipped end-to-end test would hide a broken setup.
 */
public final class Xvfb {

    public static final int WIDTH = 1920;
    public static final int HEIGHT = 1080;
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);
    private static final List<String> TOOLS = List.of("Xvfb", "xwininfo", "xdotool", "import");

    private static Xvfb running;

    private final Process process;
    private final int display;
    private final int width;
    private final int height;

    private Xvfb(Process process, int display, int width, int height) {
        this.process = process;
        this.display = display;
        this.width = width;
        this.height = height;
    }

    /** The test JVM's display, started on first use; skips (or, under CI, fails) the test when the tools are missing. */
    public static synchronized Xvfb display() {
        requireTools();
        if (running == null || !running.process.isAlive()) {
            running = start();
            Xvfb started = running;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "xvfb-stop"));
        }
        return running;
    }

    /**
     * A display of the caller's own whose one screen, as large as the monitors together, is
     * split into {@code monitors} (the first the primary) with RandR, as a desktop of several
     * monitors looks to a program: Java sees a screen device for each, and the root window is
     * the whole desktop. (Xvfb's own {@code +xinerama} with two {@code -screen}s puts both screens
     * at 0,0 in Xvfb 21.1.) The root is black where no monitor is. The caller {@link #stop}s it.
     */
    public static Xvfb withMonitors(Rectangle... monitors) {
        requireTools();
        requireTools(List.of("xrandr"));
        Rectangle desktop = new Rectangle();
        for (Rectangle m : monitors) {
            desktop = desktop.isEmpty() ? new Rectangle(m) : desktop.union(m);
        }
        if (desktop.x != 0 || desktop.y != 0) {
            throw new IllegalArgumentException("the monitors must start at 0,0, not " + desktop.getLocation());
        }
        Xvfb x = start(desktop.width, desktop.height, "-br");
        Runtime.getRuntime().addShutdownHook(new Thread(x::stop, "xvfb-stop"));
        try {
            for (int i = 0; i < monitors.length; i++) {
                Rectangle m = monitors[i];
                // w/mmw x h/mmh + x + y at 96 dpi; the first takes the screen's one output, and so is the primary.
                String geometry = m.width + "/" + Math.round(m.width * 25.4 / 96) + "x" + m.height + "/" + Math.round(m.height * 25.4 / 96)
                        + "+" + m.x + "+" + m.y;
                x.run("xrandr", "--setmonitor", "DS-" + (i + 1), geometry, i == 0 ? "screen" : "none");
            }
        } catch (RuntimeException e) {
            x.stop();
            throw e;
        }
        return x;
    }

    /** The root window's width: the whole desktop's. */
    public int width() {
        return width;
    }

    /** The root window's height. */
    public int height() {
        return height;
    }

    /** {@code :n}, as {@code DISPLAY} and {@code -display} take it. */
    public String name() {
        return ":" + display;
    }

    /** What a child process needs to draw on this display. */
    public Map<String, String> environment() {
        return Map.of("DISPLAY", name());
    }

    private static void requireTools() {
        requireTools(TOOLS);
    }

    private static void requireTools(List<String> tools) {
        List<String> missing = tools.stream().filter(t -> !onPath(t)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String why = "the Host tests need " + missing + " on the PATH (Debian: xvfb x11-utils x11-xserver-utils xdotool imagemagick; scripts/test.sh installs them)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.assumeTrue(false, why);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code -displayfd 1}: Xvfb picks a free display number and writes it on its standard output
     * once it accepts connections, so there is neither a guessed number nor a sleep. TCP is off;
     * clients come in on the Unix socket. {@code -noreset}: the server stays as it is when its last
     * client goes (between two tests, no client may be left).
     */
    private static Xvfb start() {
        return start(WIDTH, HEIGHT);
    }

    private static Xvfb start(int width, int height, String... options) {
        Path log = Path.of("target", "xvfb.log");
        Process p;
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new java.util.ArrayList<>(List.of("Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
                    "-nolisten", "tcp", "-noreset"));
            command.addAll(List.of(options));
            p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Xvfb did not start", e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        // A thread of its own, not the common pool: on two cores that pool has one thread, and
        // whatever else the test JVM parked there would keep this read from ever running.
        CompletableFuture<String> number = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                number.complete(out.readLine());
            } catch (IOException e) {
                number.completeExceptionally(e);
            }
        }, "xvfb-displayfd");
        reader.setDaemon(true);
        reader.start();
        try {
            String line = number.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || !line.strip().matches("\\d+")) {
                p.destroyForcibly();
                throw new IllegalStateException("Xvfb did not name its display (it said " + line + "); see " + log.toAbsolutePath());
            }
            return new Xvfb(p, Integer.parseInt(line.strip()), width, height);
        } catch (TimeoutException | ExecutionException e) {
            p.destroyForcibly();
            throw new IllegalStateException("Xvfb did not start within " + START_TIMEOUT + "; see " + log.toAbsolutePath(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a tool on this display to its end; fails if it does not succeed. */
    private void run(String... command) {
        try {
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
            b.environment().putAll(environment());
            Process p = b.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not succeed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the X server: for a display of one test's own ({@link #withMonitors}); the shared one stops with the JVM. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
