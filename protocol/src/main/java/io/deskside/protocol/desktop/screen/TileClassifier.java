package io.deskside.protocol.desktop.screen;

import io.deskside.protocol.desktop.Rect;

/**
 * How a changed tile is told, from its pixels alone: one colour is SOLID, 2 to 16 are PALETTE,
 * more is ZLIB. Counting stops at the 17th colour, so a photo costs a few pixels, not a tile.
 */
final class TileClassifier {

    private TileClassifier() {
    }

    /**
     * The tile's distinct colours in the order first met, or null if it has more than
     * {@link Rect.Palette#MAX_COLOURS}: then it goes as ZLIB.
     */
    static int[] colours(int[] px, int stride, int x, int y, int w, int h) {
        int[] seen = new int[Rect.Palette.MAX_COLOURS];
        int n = 0;
        int last = px[y * stride + x];
        seen[n++] = last;
        for (int row = y; row < y + h; row++) {
            int at = row * stride + x;
            for (int i = at; i < at + w; i++) {
                int p = px[i];
                if (p == last) {
                    continue;
                }
                last = p;
                if (indexOf(seen, n, p) < 0) {
                    if (n == seen.length) {
                        return null;
                    }
                    seen[n++] = p;
                }
            }
        }
        return java.util.Arrays.copyOf(seen, n);
    }

    /** Each pixel's index in {@code colours}, row by row: what {@link Rect.Palette#of} packs. */
    static int[] indices(int[] px, int stride, int x, int y, int w, int h, int[] colours) {
        int[] indices = new int[w * h];
        int last = colours[0];
        int lastIndex = 0;
        int k = 0;
        for (int row = y; row < y + h; row++) {
            int at = row * stride + x;
            for (int i = at; i < at + w; i++) {
                int p = px[i];
                if (p != last) {
                    last = p;
                    lastIndex = indexOf(colours, colours.length, p);
                }
                indices[k++] = lastIndex;
            }
        }
        return indices;
    }

    private static int indexOf(int[] colours, int n, int p) {
        for (int i = 0; i < n; i++) {
            if (colours[i] == p) {
                return i;
            }
        }
        return -1;
    }
}
