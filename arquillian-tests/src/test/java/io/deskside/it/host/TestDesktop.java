package io.deskside.it.host;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.text.DefaultCaret;

/**
 * The end user's desktop in the Host tests, and the end user's hands: a JVM of its own on the
 * test display that covers the screen with a fixed picture (gradients, text, a photo-like noise
 * block, solid areas, so that every screen encoding has something to do), a text field and a
 * button. It reports on its standard output what the end user did ({@code typed <text>} when
 * Enter is pressed in the field, {@code clicked}) and takes the test's commands on its standard
 * input, pressing keys and clicking with its own {@link Robot}: so the Host's windows are
 * driven through the X server, from a process that is not the Host.
 *
 * <p>Commands, each answered {@code ok} once done (or {@code error <why>}): {@code type <ascii>},
 * {@code key <name>} (a {@code KeyEvent.VK_} name: Enter, Escape, F12, Tab), {@code keys alt+a}
 * (modifiers held in order), {@code click <x> <y>}, {@code sleep <ms>}, {@code quit}.
 *
 * <p>Nothing on it changes by itself: the caret is never painted, the button shows neither focus
 * nor rollover. Two screen grabs of an untouched desktop are equal.
 */
public final class TestDesktop implements AutoCloseable {

    public static final String TITLE = "Test desktop";
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Where the text field is on the screen (the frame covers the screen from 0,0): click its centre to type into it. */
    public static final Rectangle FIELD = new Rectangle(200, 820, 400, 36);
    static final Rectangle BUTTON = new Rectangle(640, 820, 160, 36);
    private static final int ROBOT_DELAY_MS = 15;

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();

    private TestDesktop(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "test-desktop-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the desktop on {@code display} and returns once its picture is on the screen. */
    public static TestDesktop start(Xvfb display) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A home of its own: Swing's font cache goes there, not into the home the Host's footprint test watches.
        Path home = Files.createDirectories(Path.of("target", "test-desktop-home").toAbsolutePath());
        ProcessBuilder b = new ProcessBuilder(java, "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), TestDesktop.class.getName())
                .redirectError(ProcessBuilder.Redirect.to(Path.of("target", "test-desktop.err").toFile()));
        b.environment().putAll(display.environment());
        TestDesktop desktop = new TestDesktop(b.start());
        desktop.awaitAnswer("ready");
        return desktop;
    }

    public void type(String ascii) throws IOException, InterruptedException {
        command("type " + ascii);
    }

    /** One key by its {@code KeyEvent.VK_} name: {@code Enter}, {@code Escape}, {@code F12}. */
    public void key(String name) throws IOException, InterruptedException {
        command("key " + name);
    }

    /** A chord such as {@code alt+a}: modifiers pressed in order, released in reverse. */
    public void keys(String chord) throws IOException, InterruptedException {
        command("keys " + chord);
    }

    public void click(int x, int y) throws IOException, InterruptedException {
        command("click " + x + " " + y);
    }

    /** The next thing the end user did here ({@code typed …}, {@code clicked}), or null if nothing within {@code wait}. */
    public String nextReport(Duration wait) throws InterruptedException {
        return reports.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void command(String line) throws IOException, InterruptedException {
        synchronized (commands) {
            commands.write(line + "\n");
            commands.flush();
            awaitAnswer("ok");
        }
    }

    private void awaitAnswer(String expected) throws InterruptedException {
        String answer = answers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!expected.equals(answer)) {
            throw new IllegalStateException("the test desktop answered " + answer + " where " + expected + " was due"
                    + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + "; see target/test-desktop.err)"));
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                if (line.startsWith("typed ") || line.equals("clicked")) {
                    reports.add(line);
                } else {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            answers.add("error " + e);
        }
        answers.add("exited");
    }

    @Override
    public void close() {
        try {
            synchronized (commands) {
                commands.write("quit\n");
                commands.flush();
            }
        } catch (IOException e) {
            // It is gone already.
        }
        try {
            if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // ---- the desktop's own JVM

    public static void main(String[] args) throws Exception {
        BufferedImage picture = picture(Xvfb.WIDTH, Xvfb.HEIGHT);
        SwingUtilities.invokeAndWait(() -> show(picture));
        Robot robot = new Robot();
        robot.setAutoDelay(ROBOT_DELAY_MS);
        awaitPicture(robot, picture);
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("quit");) {
            try {
                run(robot, line);
                robot.waitForIdle();
                System.out.println("ok");
            } catch (RuntimeException e) {
                System.out.println("error " + e.getMessage());
            }
        }
        System.exit(0);
    }

    private static void show(BufferedImage picture) {
        JFrame frame = new JFrame(TITLE);
        frame.setUndecorated(true);
        JPanel panel = new JPanel(null) {
            @Override
            protected void paintComponent(Graphics g) {
                g.drawImage(picture, 0, 0, null);
            }
        };
        JTextField field = new JTextField();
        DefaultCaret invisible = new DefaultCaret() {
            @Override
            public void paint(Graphics g) {
                // Never painted: a blinking caret would make two grabs differ.
            }
        };
        invisible.setBlinkRate(0);
        field.setCaret(invisible);
        field.setBounds(FIELD);
        field.addActionListener(e -> System.out.println("typed " + field.getText()));
        JButton button = new JButton("Press me");
        button.setFocusPainted(false);
        button.setRolloverEnabled(false);
        button.setBounds(BUTTON);
        button.addActionListener(e -> System.out.println("clicked"));
        panel.add(field);
        panel.add(button);
        frame.getContentPane().add(panel, BorderLayout.CENTER);
        frame.setBounds(0, 0, picture.getWidth(), picture.getHeight());
        frame.setVisible(true);
    }

    /** Waits until the screen shows the picture where nothing covers it (the top-left corner and the noise block). */
    private static void awaitPicture(Robot robot, BufferedImage picture) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Point> probes = List.of(new Point(5, 5), new Point(1300, 200), new Point(1800, 1000));
        while (System.nanoTime() < deadline) {
            robot.waitForIdle();
            boolean shown = probes.stream().allMatch(p -> robot.getPixelColor(p.x, p.y).getRGB() == picture.getRGB(p.x, p.y));
            if (shown) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the picture never showed on the screen");
    }

    /** The fixed picture: the same pixels on every run (a seeded noise block, a logical font drawn without antialiasing). */
    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setColor(new Color(0x20, 0x40, 0x70));
        g.fillRect(0, 0, width, height);
        g.setPaint(new GradientPaint(0, 0, new Color(0xE0, 0x30, 0x30), 960, 0, new Color(0x30, 0x30, 0xE0)));
        g.fillRect(0, 0, 960, 300);
        g.setPaint(new GradientPaint(0, 300, Color.WHITE, 0, 700, Color.BLACK));
        g.fillRect(0, 300, 960, 400);
        Random noise = new Random(20261203);
        for (int y = 100; y < 400; y++) {
            for (int x = 1100; x < 1500; x++) {
                image.setRGB(x, y, noise.nextInt(0x1000000));
            }
        }
        g.setColor(new Color(0xF0, 0xC0, 0x20));
        g.fillRect(1550, 100, 300, 300);
        g.setColor(new Color(0x10, 0xA0, 0x50));
        g.fillRect(1100, 500, 750, 200);
        g.setColor(Color.WHITE);
        g.fillRect(1000, 750, 900, 300);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        for (int line = 0; line < 12; line++) {
            g.drawString("Line " + line + ": The quick brown fox jumps over the lazy dog, 0123456789.", 1020, 780 + line * 22);
        }
        g.setFont(new Font(Font.SERIF, Font.BOLD, 40));
        g.drawString("Deskside test desktop", 40, 760);
        g.dispose();
        return image;
    }

    private static void run(Robot robot, String line) {
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        switch (verb) {
            case "type" -> rest.chars().forEach(c -> typeChar(robot, (char) c));
            case "key" -> {
                int code = keyCode(rest);
                robot.keyPress(code);
                robot.keyRelease(code);
            }
            case "keys" -> chord(robot, rest);
            case "click" -> {
                String[] xy = rest.split(" ");
                robot.mouseMove(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]));
                robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
                robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            }
            case "sleep" -> robot.delay(Integer.parseInt(rest));
            default -> throw new IllegalArgumentException("unknown command " + verb);
        }
    }

    private static void chord(Robot robot, String chord) {
        List<Integer> codes = new ArrayList<>();
        for (String name : chord.split("\\+")) {
            codes.add(keyCode(name));
        }
        codes.forEach(robot::keyPress);
        for (int i = codes.size() - 1; i >= 0; i--) {
            robot.keyRelease(codes.get(i));
        }
    }

    /** {@code Enter} → VK_ENTER, {@code alt} → VK_ALT, {@code a} → VK_A, {@code F12} → VK_F12. */
    private static int keyCode(String name) {
        String field = "VK_" + name.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            return KeyEvent.class.getField(field).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no key " + name);
        }
    }

    /** The US layout (Xvfb's): a shifted character is its unshifted key with Shift held. */
    private static final String SHIFTED = "~!@#$%^&*()_+{}|:\"<>?";
    private static final String UNSHIFTED = "`1234567890-=[]\\;',./";
    private static final Map<Character, Integer> PUNCTUATION = new HashMap<>();

    static {
        String keys = "`1234567890-=[]\\;',./ ";
        int[] codes = {KeyEvent.VK_BACK_QUOTE, KeyEvent.VK_1, KeyEvent.VK_2, KeyEvent.VK_3, KeyEvent.VK_4, KeyEvent.VK_5, KeyEvent.VK_6,
            KeyEvent.VK_7, KeyEvent.VK_8, KeyEvent.VK_9, KeyEvent.VK_0, KeyEvent.VK_MINUS, KeyEvent.VK_EQUALS, KeyEvent.VK_OPEN_BRACKET,
            KeyEvent.VK_CLOSE_BRACKET, KeyEvent.VK_BACK_SLASH, KeyEvent.VK_SEMICOLON, KeyEvent.VK_QUOTE, KeyEvent.VK_COMMA,
            KeyEvent.VK_PERIOD, KeyEvent.VK_SLASH, KeyEvent.VK_SPACE};
        for (int i = 0; i < keys.length(); i++) {
            PUNCTUATION.put(keys.charAt(i), codes[i]);
        }
    }

    private static void typeChar(Robot robot, char c) {
        boolean shift;
        int code;
        if (c >= 'a' && c <= 'z') {
            shift = false;
            code = KeyEvent.VK_A + (c - 'a');
        } else if (c >= 'A' && c <= 'Z') {
            shift = true;
            code = KeyEvent.VK_A + (c - 'A');
        } else if (SHIFTED.indexOf(c) >= 0) {
            shift = true;
            code = PUNCTUATION.get(UNSHIFTED.charAt(SHIFTED.indexOf(c)));
        } else if (PUNCTUATION.containsKey(c)) {
            shift = false;
            code = PUNCTUATION.get(c);
        } else {
            throw new IllegalArgumentException("cannot type " + (int) c + " on a US keyboard");
        }
        if (shift) {
            robot.keyPress(KeyEvent.VK_SHIFT);
        }
        robot.keyPress(code);
        robot.keyRelease(code);
        if (shift) {
            robot.keyRelease(KeyEvent.VK_SHIFT);
        }
    }
}
