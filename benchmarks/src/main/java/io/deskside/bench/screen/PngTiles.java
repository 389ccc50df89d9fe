package io.deskside.bench.screen;

import io.deskside.protocol.desktop.screen.TileGrid;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Guacamole's way, as a baseline: each changed 64x64 tile as a PNG of its own, through the JDK's
 * ImageIO writer (default settings, RGB without alpha). Counts the PNG bytes only: no per-tile
 * header (Guacamole's "img" instruction and its base64 would add about a third).
 */
final class PngTiles {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);

    /** Bytes of the PNGs of the dirty tiles of {@code pixels}. */
    long encode(int[] pixels, int stride, TileGrid grid, boolean[] dirty) throws IOException {
        long bytes = 0;
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.columns(); c++) {
                if (!dirty[r * grid.columns() + c]) {
                    continue;
                }
                int w = grid.tileW(c);
                int h = grid.tileH(r);
                BufferedImage tile = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                tile.setRGB(0, 0, w, h, pixels, grid.tileY(r) * stride + grid.tileX(c), stride);
                out.reset();
                if (!ImageIO.write(tile, "png", out)) {
                    throw new IOException("no PNG writer in this JDK");
                }
                bytes += out.size();
            }
        }
        return bytes;
    }
}
