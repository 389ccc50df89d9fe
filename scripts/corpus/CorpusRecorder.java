import java.awt.MouseInfo;
import java.awt.Point;
import java.awt.PointerInfo;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Records the X screen it runs on (DISPLAY) as a screen corpus: {@code java CorpusRecorder.java
 * OUT_DIR FPS SECONDS}. Frame 0 is a full opaque PNG; every later frame is the bounding box of
 * what changed since the frame before, as a PNG in which unchanged pixels are transparent, placed
 * at the position in {@code index.tsv}. Lossless: screen pixels are opaque, so a reader that
 * paints each patch over the last frame gets every frame back exactly. A writer thread does the
 * diffing and PNG work so the capture keeps its pace; a bounded queue drops nothing (the capture
 * waits instead, and the index says when each frame really was taken).
 */
public final class CorpusRecorder {

    private record Shot(int number, long millis, int[] pixels, int pointerX, int pointerY) {
    }

    private static final Shot END = new Shot(-1, 0, null, 0, 0);

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int fps = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Files.createDirectories(out.resolve("frames"));
        Robot robot = new Robot();
        Rectangle screen = new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
        int w = screen.width;
        int h = screen.height;
        BlockingQueue<Shot> queue = new ArrayBlockingQueue<>(64);
        Thread writer = new Thread(() -> write(out, w, h, fps, queue), "corpus-writer");
        writer.start();
        long start = System.nanoTime();
        long period = TimeUnit.SECONDS.toNanos(1) / fps;
        int frames = fps * seconds;
        for (int i = 0; i < frames; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            BufferedImage image = robot.createScreenCapture(screen);
            int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] |= 0xFF000000;
            }
            PointerInfo pointer = MouseInfo.getPointerInfo();
            Point at = pointer == null ? new Point(-1, -1) : pointer.getLocation();
            queue.put(new Shot(i, (System.nanoTime() - start) / 1_000_000, pixels, at.x, at.y));
        }
        queue.put(END);
        writer.join();
    }

    private static void write(Path out, int w, int h, int fps, BlockingQueue<Shot> queue) {
        try (BufferedWriter index = Files.newBufferedWriter(out.resolve("index.tsv"), StandardCharsets.UTF_8)) {
            index.write("# deskside screen corpus v1 width=" + w + " height=" + h + " fps=" + fps + "\n");
            index.write("# frame\tms\tx\ty\tw\th\tpointerX\tpointerY\n");
            int[] last = null;
            while (true) {
                Shot s = queue.take();
                if (s == END) {
                    return;
                }
                int x0 = 0;
                int y0 = 0;
                int x1 = w;
                int y1 = h;
                if (last != null) {
                    int[] box = changed(last, s.pixels(), w, h);
                    if (box == null) {
                        x0 = y0 = x1 = y1 = 0;
                    } else {
                        x0 = box[0];
                        y0 = box[1];
                        x1 = box[2];
                        y1 = box[3];
                    }
                }
                int bw = x1 - x0;
                int bh = y1 - y0;
                if (bw > 0 && bh > 0) {
                    BufferedImage patch = new BufferedImage(bw, bh, last == null ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
                    for (int y = 0; y < bh; y++) {
                        for (int x = 0; x < bw; x++) {
                            int at = (y0 + y) * w + x0 + x;
                            int now = s.pixels()[at];
                            patch.setRGB(x, y, last == null || last[at] != now ? now : 0);
                        }
                    }
                    ImageIO.write(patch, "png", new File(out.resolve("frames").toFile(), String.format("%06d.png", s.number())));
                }
                index.write(s.number() + "\t" + s.millis() + "\t" + x0 + "\t" + y0 + "\t" + bw + "\t" + bh + "\t"
                        + s.pointerX() + "\t" + s.pointerY() + "\n");
                last = s.pixels();
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** x0, y0, x1, y1 of what differs, or null. */
    private static int[] changed(int[] a, int[] b, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            int first = java.util.Arrays.mismatch(a, row, row + w, b, row, row + w);
            if (first < 0) {
                continue;
            }
            int last = w - 1;
            while (a[row + last] == b[row + last]) {
                last--;
            }
            x0 = Math.min(x0, first);
            x1 = Math.max(x1, last);
            y0 = Math.min(y0, y);
            y1 = y;
        }
        return x1 < 0 ? null : new int[] {x0, y0, x1 + 1, y1 + 1};
    }
}
