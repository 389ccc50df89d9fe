package io.deskside.it.host;

import io.deskside.host.config.HostConfig;
import io.deskside.host.packaging.HostJarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Host as an end user runs it: the jar downloaded for this gateway
 * ({@code target/deskside-host.jar} with the test's {@code host-config.xml} added) started with
 * {@code java -jar} in a fresh world, a home, a temporary directory and a download directory of
 * its own under {@code target/host-worlds/} (see host-plan §5.3: the JDK takes {@code user.home}
 * from the password database and {@code java.io.tmpdir} ignores {@code TMPDIR}, hence the
 * properties as well as the environment).
 *
 * <p>Its windows are found the way a person finds them, by title, from outside: the X server's
 * tree of top-level windows ({@code xwininfo -root -tree}), polled every {@link #POLL}. Titles
 * are UTF-8 ({@code _NET_WM_NAME}); xwininfo prints them only under a UTF-8 locale (under
 * {@code C} it prints "failure in conversion"), so it runs with {@code LC_ALL=C.UTF-8} and its
 * output is read as UTF-8. A window is found only once it is mapped and sized: AWT keeps hidden
 * windows (a frame's owner, a dialog not shown yet) in the tree too, and maps a frame at 1x1
 * before it sizes it.
 */
public final class HostProcess implements AutoCloseable {

    /** The jar the build copies from host-client (the {@code host} classifier). */
    public static final Path HOST_JAR = Path.of("target", "deskside-host.jar");
    public static final String JAR_NAME = "deskside-host.jar";
    static final Duration POLL = Duration.ofMillis(25);
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    /** The system property naming the Host's UI scale, for screenshots at 200 % ({@link #scale()}). */
    public static final String SCALE = "deskside.host.scale";
    private static final Set<String> INHERITED = Set.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "USER", "LOGNAME");
    private static final AtomicInteger WORLDS = new AtomicInteger();
    private static final Pattern TOP_LEVEL = Pattern.compile(
            "^(\\s*)(0x[0-9a-f]+) \"(.*)\": \\(.*\\)\\s+(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+\\+?(-?\\d+)\\+?(-?\\d+)\\s*$");

    /** Where the Host lives: its {@code user.home}, its {@code java.io.tmpdir}, and the directory it was downloaded to. */
    public record World(Path home, Path tmp, Path download) {
        public Path jar() {
            return download.resolve(JAR_NAME);
        }

        /**
         * What the footprint test compares before and after: the Host's home, temporary and
         * download directories, and what the JDK or a desktop would write in the home of the user
         * running the tests should the Host ever reach past its own ({@code ~/.java}: preferences
         * and the font cache; GTK's recently used files).
         */
        List<Path> watched() {
            Path real = Path.of(System.getProperty("user.home"));
            return List.of(home, tmp, download, real.resolve(".java"), real.resolve(".local/share/recently-used.xbel"));
        }
    }

    /** Where the JVM keeps its performance data whatever {@code java.io.tmpdir} says ({@code hsperfdata_<user>/<pid>}). */
    static final Path SHARED_TMP = Path.of("/tmp");

    /** A mapped top-level window: its X id, title, and where it is on the screen. */
    public record Window(String id, String title, int x, int y, int width, int height) {
        public int centreX() {
            return x + width / 2;
        }

        public int centreY() {
            return y + height / 2;
        }
    }

    private final Xvfb display;
    private final World world;
    private final Process process;
    private final Footprint before;
    private final Footprint tmpBefore;
    /** Wall-clock milliseconds just before the process was started. */
    private long launchedAt;

    private HostProcess(Xvfb display, World world, Process process, Footprint before, Footprint tmpBefore) {
        this.display = display;
        this.world = world;
        this.process = process;
        this.before = before;
        this.tmpBefore = tmpBefore;
    }

    /** Builds the Host jar for {@code config} into a fresh world named after the test, and starts it there. */
    public static HostProcess start(Xvfb display, HostConfig config, String test) throws IOException {
        return start(display, config, test, List.of());
    }

    /** As {@link #start(Xvfb, HostConfig, String)}, with options for the Host's JVM ({@code -Ddeskside.host.timing=true}). */
    public static HostProcess start(Xvfb display, HostConfig config, String test, List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(HOST_JAR)) {
            throw new IllegalStateException(HOST_JAR.toAbsolutePath() + " is missing: the build copies it from host-client");
        }
        Path root = Path.of("target", "host-worlds", test + "-" + WORLDS.incrementAndGet()).toAbsolutePath();
        deleteTree(root); // a world left by an earlier run of the suite is not fresh
        World world = new World(root.resolve("home"), root.resolve("tmp"), root.resolve("download"));
        for (Path p : List.of(world.home(), world.tmp(), world.download())) {
            Files.createDirectories(p);
        }
        // A home as a desktop has it: the file chooser starts in Downloads.
        Files.createDirectories(world.home().resolve("Downloads"));
        HostJarBuilder.build(HOST_JAR, config, world.jar());
        Footprint before = Footprint.of(world.watched());
        Footprint tmpBefore = Footprint.names(SHARED_TMP);
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Duser.home=" + world.home(), "-Djava.io.tmpdir=" + world.tmp()));
        scale().ifPresent(s -> command.add("-Dsun.java2d.uiScale=" + s));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR_NAME));
        ProcessBuilder b = new ProcessBuilder(command)
                .directory(world.download().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(root.resolve("stdout.log").toFile())
                .redirectError(root.resolve("stderr.log").toFile());
        // A newcomer's environment: nothing of the build's (a key store password, say) reaches the Host.
        b.environment().keySet().retainAll(INHERITED);
        b.environment().put("HOME", world.home().toString());
        b.environment().put("TMPDIR", world.tmp().toString());
        b.environment().putAll(display.environment());
        long launched = System.currentTimeMillis();
        HostProcess host = new HostProcess(display, world, b.start(), before, tmpBefore);
        host.launchedAt = launched;
        return host;
    }

    /** The display the Host runs on. */
    public Xvfb display() {
        return display;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public World world() {
        return world;
    }

    /**
     * The Host's UI scale ({@code sun.java2d.uiScale}) when the system property {@value #SCALE} asks
     * for one (for screenshots at 200 %: {@code 2}); empty when it is unset or blank, and the Host
     * runs at the JDK's default (1 on Xvfb).
     */
    public static Optional<String> scale() {
        String s = System.getProperty(SCALE, "").strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /**
     * Writes what the X server shows of {@code w} as a PNG: the root window's grab ({@link ScreenGrab})
     * cropped to the window's geometry now (looked up again by id, since a window may have been
     * resized since it was found), in device pixels as xwininfo gives them and the screen holds them.
     */
    public void screenshot(Window w, Path png) throws IOException, InterruptedException {
        Window now = windows().stream().filter(o -> o.id().equals(w.id())).findFirst().orElse(w);
        int x0 = Math.max(0, now.x());
        int y0 = Math.max(0, now.y());
        int x1 = Math.min(Xvfb.WIDTH, now.x() + now.width());
        int y1 = Math.min(Xvfb.HEIGHT, now.y() + now.height());
        if (x1 <= x0 || y1 <= y0) {
            throw new IOException("\"" + now.title() + "\" (" + now.id() + ") is off the screen: " + now);
        }
        int[] screen = ScreenGrab.grab(display);
        int width = x1 - x0;
        int height = y1 - y0;
        int[] crop = new int[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(screen, (y0 + row) * Xvfb.WIDTH + x0, crop, row * width, width);
        }
        ScreenGrab.savePng(crop, width, height, png);
    }

    /** The mapped, laid-out top-level window titled exactly {@code title}, if there is one now. */
    public Optional<Window> find(String title) {
        return windows().stream().filter(w -> w.title().equals(title)).filter(HostProcess::laidOut).filter(this::mapped).findFirst();
    }

    /** The first mapped top-level window whose title is exactly {@code title}. */
    public Window awaitWindow(String title) throws InterruptedException {
        return awaitWindow(w -> w.title().equals(title), "a window titled \"" + title + "\"");
    }

    /** The first mapped top-level window that {@code wanted} accepts, within {@link #MAX_WAIT}; fails naming the windows there are. */
    public Window awaitWindow(Predicate<Window> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        List<Window> seen = List.of();
        do {
            seen = windows();
            Optional<Window> found = seen.stream().filter(wanted).filter(HostProcess::laidOut).filter(this::mapped).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("the Host exited with " + process.exitValue() + " before showing " + what + "; stderr: " + stderr());
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + what + " within " + MAX_WAIT + "; the windows were " + seen.stream().map(Window::title).toList());
    }

    /**
     * Waits until {@code w} has the keyboard focus, so that keys pressed next go to it. Without a
     * window manager a Java window takes the focus itself when shown, a moment after it is mapped;
     * AWT gives it to a "FocusProxy" child, so the focus holder or its parent is {@code w}.
     */
    public void awaitFocus(Window w) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        String holder = "";
        do {
            String focus = x("xdotool", "getwindowfocus").strip();
            if (focus.matches("\\d+")) {
                holder = "0x" + Long.toHexString(Long.parseLong(focus));
                if (holder.equals(w.id())) {
                    return;
                }
                Matcher parent = Pattern.compile("Parent window id: (0x[0-9a-f]+)").matcher(x("xwininfo", "-tree", "-id", holder));
                if (parent.find() && parent.group(1).equals(w.id())) {
                    return;
                }
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < deadline);
        throw new AssertionError("\"" + w.title() + "\" (" + w.id() + ") did not get the keyboard focus within " + MAX_WAIT + "; " + holder + " has it");
    }

    /** Whether this window is still on the screen (mapped). */
    public boolean isShowing(Window w) {
        return mapped(w);
    }

    /** Whether a mapped top-level window has this title now. */
    public boolean showing(String title) {
        return windows().stream().filter(w -> w.title().equals(title)).anyMatch(this::mapped);
    }

    /** Every top-level window on the display, mapped or not (the direct children of the root). */
    public List<Window> windows() {
        String tree = x("xwininfo", "-root", "-tree");
        List<Window> windows = new ArrayList<>();
        int topIndent = -1;
        for (String line : tree.split("\n")) {
            Matcher m = TOP_LEVEL.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            if (topIndent < 0) {
                topIndent = indent;
            }
            if (indent == topIndent) {
                windows.add(new Window(m.group(2), m.group(3), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
            }
        }
        return windows;
    }

    /** AWT maps a frame at 1x1 and sizes it a moment later: such a window is not there yet for a test. */
    private static boolean laidOut(Window w) {
        return w.width() > 1 && w.height() > 1;
    }

    private boolean mapped(Window w) {
        return x("xwininfo", "-id", w.id()).contains("Map State: IsViewable");
    }

    /** Runs an X tool on the test display under a UTF-8 locale and returns its output; empty if the window went meanwhile. */
    private String x(String... command) {
        try {
            ProcessBuilder b = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            b.environment().putAll(display.environment());
            b.environment().put("LC_ALL", "C.UTF-8");
            Process p = b.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            p.waitFor(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Wall-clock milliseconds just before {@code java -jar} was started. */
    public long launchedAt() {
        return launchedAt;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * What the Host changed on disk since just before it started, one line per entry (see
     * {@link Footprint#since}): its own trees in full, and in {@code /tmp} anything named after its
     * process (the JVM's {@code hsperfdata_<user>/<pid>} while it runs; other programs on the
     * machine may come and go in {@code /tmp} meanwhile, so only the Host's own names count there).
     */
    public List<String> footprint() {
        List<String> changes = new ArrayList<>(Footprint.of(world.watched()).since(before));
        String pid = Long.toString(process.pid());
        for (String line : Footprint.names(SHARED_TMP).since(tmpBefore)) {
            if (line.contains(pid)) {
                changes.add(line);
            }
        }
        try (var users = Files.newDirectoryStream(SHARED_TMP, "hsperfdata_*")) {
            for (Path dir : users) {
                if (Files.exists(dir.resolve(pid))) {
                    changes.add("+ " + dir.resolve(pid) + " (the JVM's performance data, left behind)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changes;
    }

    /** The exit code, if the Host exits within {@code wait}. */
    public OptionalInt awaitExit(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the Host wrote on its standard error so far (nothing, unless it runs with debug on or something broke). */
    public String stderr() {
        try {
            return Files.readString(world.home().getParent().resolve("stderr.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Kills the Host if a test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
