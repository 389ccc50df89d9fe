package io.deskside.bench.screen;

import io.deskside.protocol.desktop.screen.TileGrid;
import java.util.zip.Deflater;

/**
 * The plainest baseline: the changed tiles' RGB bytes (3 a pixel, tile after tile in raster
 * order) through one persistent {@link Deflater} at level 6 for the whole session, flushed
 * (SYNC_FLUSH) at the end of each update so the peer can draw it at once, as our ZLIB streams
 * are. No per-tile header counted (the tile's position would add about 4 bytes).
 */
final class DeflateTiles implements AutoCloseable {

    static final int LEVEL = 6;

    private final Deflater deflater = new Deflater(LEVEL);
    private final byte[] rgb = new byte[TileGrid.TILE_SIDE * TileGrid.TILE_SIDE * 3];
    private final byte[] out = new byte[64 * 1024];

    /** Compressed bytes of the dirty tiles of {@code pixels}, the stream flushed at the end. */
    long encode(int[] pixels, int stride, TileGrid grid, boolean[] dirty) {
        long bytes = 0;
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.columns(); c++) {
                if (!dirty[r * grid.columns() + c]) {
                    continue;
                }
                int n = toRgb(pixels, stride, grid.tileX(c), grid.tileY(r), grid.tileW(c), grid.tileH(r));
                deflater.setInput(rgb, 0, n);
                while (!deflater.needsInput()) {
                    bytes += deflater.deflate(out, 0, out.length, Deflater.NO_FLUSH);
                }
            }
        }
        int n;
        do {
            n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            bytes += n;
        } while (n == out.length);
        return bytes;
    }

    private int toRgb(int[] px, int stride, int x, int y, int w, int h) {
        int k = 0;
        for (int row = y; row < y + h; row++) {
            for (int i = row * stride + x, end = i + w; i < end; i++) {
                int p = px[i];
                rgb[k++] = (byte) (p >>> 16);
                rgb[k++] = (byte) (p >>> 8);
                rgb[k++] = (byte) p;
            }
        }
        return k;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
