package io.deskside.protocol.desktop.screen;

/**
 * The 64x64 tiles of a region of a framebuffer, counted from the region's top-left and clipped
 * at its right and bottom edges (1080 rows are 16 whole tiles and one of 56). Tile {@code (c, r)}
 * has index {@code r * columns() + c}: raster order, which is the order tiles go on the wire.
 */
public record TileGrid(int x, int y, int w, int h) {

    public static final int TILE_SIDE = 64;

    public TileGrid {
        if (x < 0 || y < 0 || w < 1 || h < 1) {
            throw new IllegalArgumentException("a tile grid over " + x + "," + y + " " + w + "x" + h);
        }
    }

    public int columns() {
        return (w + TILE_SIDE - 1) / TILE_SIDE;
    }

    public int rows() {
        return (h + TILE_SIDE - 1) / TILE_SIDE;
    }

    public int tiles() {
        return columns() * rows();
    }

    public int tileX(int column) {
        return x + column * TILE_SIDE;
    }

    public int tileY(int row) {
        return y + row * TILE_SIDE;
    }

    public int tileW(int column) {
        return Math.min(TILE_SIDE, w - column * TILE_SIDE);
    }

    public int tileH(int row) {
        return Math.min(TILE_SIDE, h - row * TILE_SIDE);
    }
}
