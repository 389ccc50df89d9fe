package io.deskside.it.host;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * The test display's screen as the X server has it, read by a program that is neither the Host
 * nor Java: ImageMagick's {@code import} of the root window, as 8-bit RGB, turned into the
 * {@code 0xFFRRGGBB} pixels a Guest's framebuffer holds, row by row.
 */
public final class ScreenGrab {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ScreenGrab() {
    }

    /** The whole screen, {@link Xvfb#width} × {@link Xvfb#height} pixels (the root window: every monitor, and what lies between). */
    public static int[] grab(Xvfb display) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("import", "-display", display.name(), "-window", "root", "-depth", "8", "rgb:-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] rgb;
        try (InputStream in = p.getInputStream()) {
            rgb = in.readAllBytes();
        }
        if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("import did not finish within " + TIMEOUT);
        }
        int pixels = display.width() * display.height();
        if (p.exitValue() != 0 || rgb.length != pixels * 3) {
            throw new IOException("import exited with " + p.exitValue() + " after " + rgb.length + " bytes, where " + pixels * 3 + " were due");
        }
        int[] argb = new int[pixels];
        for (int i = 0, k = 0; i < pixels; i++, k += 3) {
            argb[i] = 0xFF000000 | (rgb[k] & 0xFF) << 16 | (rgb[k + 1] & 0xFF) << 8 | (rgb[k + 2] & 0xFF);
        }
        return argb;
    }

    /** Writes {@code 0xFFRRGGBB} pixels as a PNG, to look at when two screens differ. */
    public static void savePng(int[] argb, int width, int height, Path file) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** How many pixels differ, and the box around them, for a failure message. */
    public static String difference(int[] expected, int[] actual, int width) {
        if (expected.length != actual.length) {
            return expected.length + " pixels against " + actual.length;
        }
        int count = 0;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                count++;
                int x = i % width;
                int y = i / width;
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }
        return count == 0 ? "no pixel differs"
                : count + " pixels differ, inside " + (maxX - minX + 1) + "x" + (maxY - minY + 1) + "+" + minX + "+" + minY;
    }
}
