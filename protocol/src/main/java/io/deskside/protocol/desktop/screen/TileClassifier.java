package io.deskside.protocol.desktop.screen;

import io.deskside.protocol.desktop.Rect;

/**
 * How a changed tile is told, from its pixels alone: one colour is SOLID, 2 to 16 are a
 * palette (PALETTE_ZLIB; PALETTE when the packed indices are too few for deflate to pay), more
 * is ZLIB. One pass finds the colours and each pixel's index together, through a small hash
 * table; it stops at the 17th colour, so a photo costs a few pixels, not a tile. One
 * classifier per encoder; not thread-safe.
 *
 * <p>Why 16: on the recorded corpus, palettes of up to 64 or 256 colours (8-bit indices) cost
 * as much or more than 16 (typing +62 %, the terminal +40 % at 256): each tile carries its own
 * palette, three bytes a colour, and more colours than 16 are anti-aliased text that ZLIB's one
 * RGB stream, which matches repeated glyphs across tiles, tells as cheaply.
 */
final class TileClassifier {

    /** Slots of the hash table: eight times the most colours, so probes stay short. */
    private static final int SLOTS = 128;

    /** Screen pixels are opaque (0xFF in the top byte), so 0 marks an empty slot. */
    private final int[] keys = new int[SLOTS];
    private final int[] values = new int[SLOTS];
    private final int[] used = new int[Rect.Palette.MAX_COLOURS];
    private final int[] colours = new int[Rect.Palette.MAX_COLOURS];
    private final int[] indices = new int[TileGrid.TILE_SIDE * TileGrid.TILE_SIDE];
    private int count;

    /**
     * Classifies the tile: returns how many distinct colours it has (its {@link #colours()} and
     * {@link #indices()} then describe it), or -1 if it has more than 16.
     */
    int classify(int[] px, int stride, int x, int y, int w, int h) {
        for (int i = 0; i < count; i++) {
            keys[used[i]] = 0;
        }
        count = 0;
        int last = 0;
        int lastIndex = -1;
        int k = 0;
        for (int row = y; row < y + h; row++) {
            int at = row * stride + x;
            for (int i = at; i < at + w; i++) {
                int p = px[i];
                if (p != last) {
                    last = p;
                    lastIndex = indexOf(p);
                    if (lastIndex < 0) {
                        return -1;
                    }
                }
                indices[k++] = lastIndex;
            }
        }
        return count;
    }

    /** The colours of the last tile with a palette, in the order first met ({@code 0xFFRRGGBB}). */
    int[] colours() {
        return java.util.Arrays.copyOf(colours, count);
    }

    /** Each pixel's index into {@link #colours()}, row by row, for the last tile classified (not a copy). */
    int[] indices() {
        return indices;
    }

    private int indexOf(int p) {
        int slot = (p * 0x9E37_79B9) >>> 25;
        while (true) {
            int key = keys[slot];
            if (key == p) {
                return values[slot];
            }
            if (key == 0) {
                if (count == colours.length) {
                    return -1;
                }
                keys[slot] = p;
                values[slot] = count;
                used[count] = slot;
                colours[count] = p;
                return count++;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
    }
}
