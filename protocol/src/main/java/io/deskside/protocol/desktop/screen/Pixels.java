package io.deskside.protocol.desktop.screen;

/**
 * The framebuffer operations the Host's Shadow and the Guest's framebuffer share, so both sides
 * move pixels the same way: a copy with {@code memmove} semantics, a fill, a block copy.
 */
final class Pixels {

    static final int OPAQUE = 0xFF00_0000;

    private Pixels() {
    }

    /** Copies w×h from (srcX, srcY) to (x, y) inside one framebuffer; overlapping rows are taken before they are written. */
    static void move(int[] fb, int stride, int x, int y, int w, int h, int srcX, int srcY) {
        if (srcY < y) {
            for (int row = h - 1; row >= 0; row--) {
                System.arraycopy(fb, (srcY + row) * stride + srcX, fb, (y + row) * stride + x, w);
            }
        } else {
            // arraycopy itself behaves as memmove within a row, so a horizontal overlap is safe too.
            for (int row = 0; row < h; row++) {
                System.arraycopy(fb, (srcY + row) * stride + srcX, fb, (y + row) * stride + x, w);
            }
        }
    }

    static void fill(int[] fb, int stride, int x, int y, int w, int h, int argb) {
        for (int row = y; row < y + h; row++) {
            java.util.Arrays.fill(fb, row * stride + x, row * stride + x + w, argb);
        }
    }

    /** Copies the block at (x, y) from one framebuffer to the same place in another of the same stride. */
    static void copyBlock(int[] from, int[] to, int stride, int x, int y, int w, int h) {
        for (int row = y; row < y + h; row++) {
            System.arraycopy(from, row * stride + x, to, row * stride + x, w);
        }
    }
}
