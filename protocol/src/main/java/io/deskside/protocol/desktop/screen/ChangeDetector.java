package io.deskside.protocol.desktop.screen;

import java.util.Arrays;

/**
 * Which tiles of a frame differ from the Shadow (what the Guest has). Row by row with
 * {@link Arrays#mismatch}, an intrinsic the JIT vectorises; a tile's first differing row ends
 * its comparison.
 */
final class ChangeDetector {

    private ChangeDetector() {
    }

    /** One flag per tile of {@code grid}, in its index order: true where {@code current} and {@code shadow} differ. */
    static boolean[] dirtyTiles(int[] current, int[] shadow, int stride, TileGrid grid) {
        boolean[] dirty = new boolean[grid.tiles()];
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.columns(); c++) {
                dirty[r * grid.columns() + c] = differs(current, shadow, stride, grid.tileX(c), grid.tileY(r), grid.tileW(c), grid.tileH(r));
            }
        }
        return dirty;
    }

    static boolean differs(int[] current, int[] shadow, int stride, int x, int y, int w, int h) {
        for (int row = y; row < y + h; row++) {
            int from = row * stride + x;
            if (Arrays.mismatch(current, from, from + w, shadow, from, from + w) >= 0) {
                return true;
            }
        }
        return false;
    }
}
