package io.deskside.protocol.desktop.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Every frame of every recorded session (corpus/screens, made with scripts/record-corpus.sh from
 * real applications under Xvfb) goes from the Host's encoder through the wire to the Guest's
 * decoder, which must then show exactly what was captured, pixel for pixel. The bytes each
 * session took are printed (the benchmarks measure them properly).
 */
class CorpusRoundTripTest {

    static final Path CORPUS = Path.of("..", "corpus", "screens");

    @Test
    void everyRecordedFrameReachesTheGuestExactly() throws IOException {
        assertTrue(Files.isDirectory(CORPUS), "the corpus is in the repository: " + CORPUS.toAbsolutePath());
        List<Path> sessions;
        try (Stream<Path> s = Files.list(CORPUS)) {
            sessions = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(sessions.size() >= 2, "at least two recorded sessions: " + sessions);
        for (Path session : sessions) {
            replay(session);
        }
    }

    private static void replay(Path session) throws IOException {
        List<String> rows = Files.readAllLines(session.resolve("index.tsv")).stream().filter(l -> !l.startsWith("#")).toList();
        String header = Files.readAllLines(session.resolve("index.tsv")).get(0);
        int width = Integer.parseInt(header.replaceAll(".*width=(\\d+).*", "$1"));
        int height = Integer.parseInt(header.replaceAll(".*height=(\\d+).*", "$1"));
        int[] frame = new int[width * height];
        long bytes = 0;
        int frames = 0;
        try (ScreenPair pair = new ScreenPair()) {
            for (String row : rows) {
                String[] f = row.split("\t");
                int number = Integer.parseInt(f[0]);
                int x = Integer.parseInt(f[2]);
                int y = Integer.parseInt(f[3]);
                int w = Integer.parseInt(f[4]);
                int h = Integer.parseInt(f[5]);
                if (w > 0) {
                    paint(ImageIO.read(session.resolve("frames").resolve(String.format("%06d.png", number)).toFile()), frame, width, x, y);
                }
                // The Guest asks for the whole screen each time, incrementally after the first.
                pair.update(new Capture(width, height, frame.clone()), 1, frames > 0);
                bytes += pair.lastBytes;
                frames++;
            }
        }
        assertEquals(rows.size(), frames);
        System.out.printf("corpus %s: %d frames, %d bytes on the wire, %.1f KB a frame%n", session.getFileName(), frames, bytes,
                bytes / 1024.0 / frames);
    }

    /** Paints a patch over the frame: transparent pixels are the ones that did not change. */
    private static void paint(BufferedImage patch, int[] frame, int width, int x, int y) {
        for (int py = 0; py < patch.getHeight(); py++) {
            for (int px = 0; px < patch.getWidth(); px++) {
                int argb = patch.getRGB(px, py);
                if ((argb >>> 24) != 0) {
                    frame[(y + py) * width + x + px] = argb | 0xFF000000;
                }
            }
        }
    }
}
