package io.deskside.protocol.desktop.screen;

import java.util.Random;

/** Synthetic desktops: paper with glyph-like text, noise, flat colours; all opaque 0xFFRRGGBB. */
final class Pictures {

    static final int PAPER = 0xFFFFFFFF;
    static final int INK = 0xFF202020;
    static final int LINE_HEIGHT = 18;

    private Pictures() {
    }

    static Capture solid(int w, int h, int argb) {
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, argb);
        return new Capture(w, h, px);
    }

    static Capture noise(int w, int h, long seed) {
        Random random = new Random(seed);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF00_0000 | random.nextInt(1 << 24);
        }
        return new Capture(w, h, px);
    }

    /** A w×h page of text: lines of 8x12 glyphs, each a random bit pattern, in ink and a second tone for antialiasing. */
    static int[] document(int w, int h, long seed) {
        Random random = new Random(seed);
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, PAPER);
        for (int line = 0; line + 15 <= h; line += LINE_HEIGHT) {
            int length = random.nextInt(w / 9 + 1);
            for (int g = 0; g < length; g++) {
                glyph(px, w, 4 + g * 9, line + 3, random);
            }
        }
        return px;
    }

    static void glyph(int[] px, int stride, int x, int y, Random random) {
        if (random.nextInt(6) == 0) {
            return; // a space
        }
        for (int row = 0; row < 12; row++) {
            int bits = random.nextInt(256);
            for (int col = 0; col < 8 && x + col < stride; col++) {
                if ((bits >>> col & 1) != 0) {
                    px[(y + row) * stride + x + col] = (bits & 1) != 0 ? INK : 0xFF909090;
                }
            }
        }
    }

    /**
     * A window onto {@code document} (docW wide) at {@code offset}: the text in the middle, a
     * sidebar on the left that shows the offset, and a scrollbar on the right whose thumb moves.
     */
    static Capture viewport(int[] document, int docW, int docH, int offset, int w, int h) {
        int[] px = new int[w * h];
        int sidebar = 100;
        int scrollbar = 16;
        for (int row = 0; row < h; row++) {
            System.arraycopy(document, (offset + row) * docW, px, row * w + sidebar, w - sidebar - scrollbar);
            java.util.Arrays.fill(px, row * w, row * w + sidebar, 0xFFE0E8F0);
            java.util.Arrays.fill(px, row * w + w - scrollbar, row * w + w, 0xFFD0D0D0);
        }
        // The sidebar's line counter changes with every scroll.
        Random counter = new Random(offset);
        for (int g = 0; g < 5; g++) {
            glyph(px, w, 10 + g * 9, 20, counter);
        }
        int thumbH = Math.max(20, h * h / docH);
        int thumbY = (int) ((long) offset * (h - thumbH) / Math.max(1, docH - h));
        for (int row = thumbY; row < thumbY + thumbH; row++) {
            java.util.Arrays.fill(px, row * w + w - scrollbar + 3, row * w + w - 3, 0xFF606060);
        }
        return new Capture(w, h, px);
    }

    static Capture copy(Capture c) {
        return new Capture(c.width(), c.height(), c.pixels().clone());
    }

    static void fill(Capture c, int x, int y, int w, int h, int argb) {
        for (int row = y; row < y + h; row++) {
            java.util.Arrays.fill(c.pixels(), row * c.width() + x, row * c.width() + x + w, argb);
        }
    }
}
