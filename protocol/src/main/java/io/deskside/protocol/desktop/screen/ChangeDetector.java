package io.deskside.protocol.desktop.screen;

import java.util.Arrays;

/**
 * Which tiles of a frame differ from the Shadow (what the Guest has). Each pixel row of the
 * region is compared whole with {@link Arrays#mismatch}, an intrinsic the JIT vectorises: most
 * rows of an office screen are unchanged, so one call clears a whole row of tiles. Where a row
 * differs, the search goes on from the next tile not yet known to be dirty, so each tile is
 * marked by its first differing pixel and never compared again.
 */
final class ChangeDetector {

    private ChangeDetector() {
    }

    /** One flag per tile of {@code grid}, in its index order: true where {@code current} and {@code shadow} differ. */
    static boolean[] dirtyTiles(int[] current, int[] shadow, int stride, TileGrid grid) {
        boolean[] dirty = new boolean[grid.tiles()];
        int columns = grid.columns();
        int left = grid.x();
        int right = grid.x() + grid.w();
        for (int r = 0; r < grid.rows(); r++) {
            int base = r * columns;
            int y = grid.tileY(r);
            for (int row = y; row < y + grid.tileH(r); row++) {
                int at = row * stride;
                int x = left;
                while (x < right) {
                    int m = Arrays.mismatch(current, at + x, at + right, shadow, at + x, at + right);
                    if (m < 0) {
                        break;
                    }
                    int c = (x + m - left) / TileGrid.TILE_SIDE;
                    dirty[base + c] = true;
                    // Skip the tiles of this row already known to be dirty.
                    while (c < columns && dirty[base + c]) {
                        c++;
                    }
                    x = left + c * TileGrid.TILE_SIDE;
                }
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
