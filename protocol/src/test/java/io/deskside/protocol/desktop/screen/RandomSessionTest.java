package io.deskside.protocol.desktop.screen;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded sessions of typing, scrolling, dragged windows, noise and changes of view; after every
 * update ScreenPair checks that the Guest shows exactly the capture.
 */
class RandomSessionTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void theGuestShowsExactlyTheCaptureAfterEveryUpdate(long seed) {
        Random random = new Random(seed);
        int w = 300 + random.nextInt(700);
        int h = 200 + random.nextInt(500);
        int docH = h * 4;
        int[] doc = Pictures.document(w, docH, seed);
        int offset = random.nextInt(docH - h);
        int[] px = new int[w * h];
        for (int row = 0; row < h; row++) {
            System.arraycopy(doc, (offset + row) * w, px, row * w, w);
        }
        Capture screen = new Capture(w, h, px);
        int scale = 1;
        try (ScreenPair pair = new ScreenPair()) {
            pair.update(screen, scale, false);
            for (int step = 0; step < 60; step++) {
                screen = Pictures.copy(screen);
                int[] p = screen.pixels();
                switch (random.nextInt(6)) {
                    case 0 -> { // typing: a few glyphs at a caret
                        int x = random.nextInt(Math.max(1, w - 80));
                        int y = random.nextInt(h - 12);
                        for (int g = 0; g < 1 + random.nextInt(8) && x + g * 9 + 8 <= w; g++) {
                            Pictures.glyph(p, w, x + g * 9, y, random);
                        }
                    }
                    case 1 -> { // scroll the document
                        offset = Math.max(0, Math.min(docH - h, offset + random.nextInt(401) - 200));
                        for (int row = 0; row < h; row++) {
                            System.arraycopy(doc, (offset + row) * w, p, row * w, w);
                        }
                    }
                    case 2 -> { // drag a block diagonally
                        int bw = 20 + random.nextInt(w / 2);
                        int bh = 20 + random.nextInt(h / 2);
                        int sx = random.nextInt(w - bw);
                        int sy = random.nextInt(h - bh);
                        int dx = random.nextInt(w - bw);
                        int dy = random.nextInt(h - bh);
                        int[] block = new int[bw * bh];
                        for (int row = 0; row < bh; row++) {
                            System.arraycopy(p, (sy + row) * w + sx, block, row * bw, bw);
                        }
                        for (int row = 0; row < bh; row++) {
                            System.arraycopy(block, row * bw, p, (dy + row) * w + dx, bw);
                        }
                    }
                    case 3 -> { // noise: a photo or video
                        int nw = 1 + random.nextInt(200);
                        int nh = 1 + random.nextInt(200);
                        int x = random.nextInt(Math.max(1, w - nw));
                        int y = random.nextInt(Math.max(1, h - nh));
                        for (int row = y; row < Math.min(h, y + nh); row++) {
                            for (int col = x; col < Math.min(w, x + nw); col++) {
                                p[row * w + col] = 0xFF00_0000 | random.nextInt(1 << 24);
                            }
                        }
                    }
                    case 4 -> Pictures.fill(screen, random.nextInt(w / 2), random.nextInt(h / 2), 1 + random.nextInt(w / 2),
                            1 + random.nextInt(h / 2), 0xFF00_0000 | random.nextInt(1 << 24));
                    default -> { // the Guest changes its view now and then
                        if (random.nextInt(4) == 0) {
                            scale = 1 + random.nextInt(4);
                        }
                    }
                }
                if (random.nextInt(5) == 0) {
                    int x = random.nextInt(w);
                    int y = random.nextInt(h);
                    pair.update(screen, scale, random.nextInt(8) != 0, x, y, 1 + random.nextInt(w - x), 1 + random.nextInt(h - y));
                } else {
                    pair.update(screen, scale, random.nextInt(10) != 0);
                }
            }
        }
    }
}
