package io.deskside.bench.screen;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * One recorded session of corpus/screens (made by scripts/record-corpus.sh): its index.tsv and
 * the patches in frames/, each an ARGB PNG placed at (x, y) whose transparent pixels did not
 * change. Frames are rebuilt in order in one buffer, as the recorder saw them. The same format
 * the protocol's CorpusRoundTripTest reads; the benchmarks keep their own reader so that they do
 * not depend on protocol's test classes.
 */
record CorpusSession(String name, Path directory, int width, int height, List<Row> rows) {

    /** The repository's corpus, or the directory named by -Dcorpus.dir. */
    static Path corpusDirectory() {
        Path dir = Path.of(System.getProperty("corpus.dir", "corpus/screens"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no screen corpus at " + dir.toAbsolutePath() + " (run from the repository root or set -Dcorpus.dir)");
        }
        return dir;
    }

    /** One row of index.tsv: frame {@code frame} was captured {@code ms} into the session; w = h = 0 means nothing changed. */
    record Row(int frame, long ms, int x, int y, int w, int h) {
        boolean changed() {
            return w > 0 && h > 0;
        }
    }

    /** Receives each frame in order; {@code pixels} is the shared buffer, valid until the call returns. */
    interface FrameVisitor {
        void frame(Row row, int[] pixels) throws IOException;
    }

    static List<String> sessionNames() {
        try (Stream<Path> s = Files.list(corpusDirectory())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CorpusSession open(String name) {
        Path dir = corpusDirectory().resolve(name);
        try {
            List<String> lines = Files.readAllLines(dir.resolve("index.tsv"));
            String header = lines.get(0);
            int width = Integer.parseInt(header.replaceAll(".*width=(\\d+).*", "$1"));
            int height = Integer.parseInt(header.replaceAll(".*height=(\\d+).*", "$1"));
            List<Row> rows = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.add(new Row(Integer.parseInt(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5])));
            }
            if (rows.isEmpty() || !rows.get(0).changed()) {
                throw new IllegalStateException(dir + ": the first frame must be a full one");
            }
            return new CorpusSession(name, dir, width, height, List.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + "/index.tsv", e);
        }
    }

    /** The session's length from the first frame's capture to the last one's, in seconds. */
    double seconds() {
        return (rows.get(rows.size() - 1).ms() - rows.get(0).ms()) / 1000.0;
    }

    /** Rebuilds every frame in order and hands each to {@code visitor}. */
    void replay(FrameVisitor visitor) throws IOException {
        replay(rows.size(), visitor);
    }

    /** The first {@code count} frames. */
    void replay(int count, FrameVisitor visitor) throws IOException {
        int[] pixels = new int[width * height];
        for (Row row : rows.subList(0, count)) {
            if (row.changed()) {
                paint(row, pixels);
            }
            visitor.frame(row, pixels);
        }
    }

    /** A copy of the frame of row {@code index}. */
    int[] frame(int index) throws IOException {
        return frames(index, index)[0];
    }

    /** Copies of the frames of rows {@code first} to {@code last}, in one replay. */
    int[][] frames(int first, int last) throws IOException {
        int[][] out = new int[last - first + 1][];
        replay(last + 1, (row, pixels) -> {
            int i = rows.indexOf(row) - first;
            if (i >= 0) {
                out[i] = pixels.clone();
            }
        });
        return out;
    }

    private void paint(Row row, int[] pixels) throws IOException {
        Path file = directory.resolve("frames").resolve(String.format("%06d.png", row.frame()));
        BufferedImage patch = ImageIO.read(file.toFile());
        if (patch == null) {
            throw new IOException("not a PNG: " + file);
        }
        int w = patch.getWidth();
        int h = patch.getHeight();
        int[] argb = patch.getRGB(0, 0, w, h, null, 0, w);
        for (int py = 0; py < h; py++) {
            int at = (row.y() + py) * width + row.x();
            for (int px = 0; px < w; px++) {
                int p = argb[py * w + px];
                if ((p >>> 24) != 0) {
                    pixels[at + px] = p | 0xFF00_0000;
                }
            }
        }
    }
}
