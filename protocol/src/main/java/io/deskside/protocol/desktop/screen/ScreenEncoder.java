package io.deskside.protocol.desktop.screen;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.Rect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Host's half of the screen: answers a Guest's {@link UpdateRequest} with the changes
 * between a {@link Capture} and the Shadow, the framebuffer the Guest has. Everything it encodes
 * is delivered (the tunnel is reliable and ordered), so the Shadow and the zlib streams move on
 * at encode time. One encoder lives as long as one sealed channel: a new channel means a new
 * encoder, whose first update resets the Guest's zlib streams.
 *
 * <p>An update is: COPY rects for scrolled content first, then the changed 64x64 tiles in
 * raster order (SOLID, merged along a tile row; PALETTE_ZLIB up to 16 colours, or PALETTE
 * when the indices are a few bytes; ZLIB), packed into parts of at most
 * {@link DesktopMessage#MAX_MESSAGE_BYTES}. A full request, a change of scale, a stale layout
 * generation or the first update send every tile of the region and reset the zlib streams.
 * Not thread-safe: one session's screen thread owns it.
 */
public final class ScreenEncoder implements AutoCloseable {

    /** Packed indices up to this many bytes go as PALETTE: deflate's overhead would eat the saving. */
    static final int PALETTE_PLAIN_BYTES = 64;

    private final ZlibStreams.Deflating zlib = new ZlibStreams.Deflating();
    private final TileClassifier classifier = new TileClassifier();
    private final byte[] rgb = new byte[TileGrid.TILE_SIDE * TileGrid.TILE_SIDE * 3];
    private final byte[] packed = new byte[TileGrid.TILE_SIDE * TileGrid.TILE_SIDE];
    private Layout layout;
    private int scale;
    private int[] shadow;
    private boolean mustReset = true;

    /**
     * Tells the encoder the desktop's layout before an answer. Returns the {@link Layout} to
     * send on SCREEN before the next update if it changed (with the next generation); the next
     * update is then full.
     */
    public Optional<Layout> layout(int width, int height, List<Layout.Monitor> monitors) {
        if (layout != null && layout.width() == width && layout.height() == height && layout.monitors().equals(monitors)) {
            return Optional.empty();
        }
        long generation = layout == null ? 1 : (layout.generation() + 1) & 0xFFFF_FFFFL;
        layout = new Layout(generation, width, height, monitors);
        shadow = null;
        mustReset = true;
        return Optional.of(layout);
    }

    /**
     * The layout (if it changed) and the update for one request, in the order they go on SCREEN,
     * for a desktop that is one monitor the size of the capture. Empty if the request is
     * incremental and nothing changed: the caller parks it.
     */
    public List<DesktopMessage> answerOneMonitor(UpdateRequest request, Capture capture) {
        List<DesktopMessage> out = new ArrayList<>();
        layout(capture.width(), capture.height(), List.of(new Layout.Monitor(0, 0, capture.width(), capture.height(), true)))
                .ifPresent(out::add);
        List<ScreenUpdate> parts = answer(request, capture);
        if (parts.isEmpty() && !out.isEmpty()) {
            throw new IllegalStateException("a new layout without an update");
        }
        out.addAll(parts);
        return out;
    }

    /**
     * The parts of the update that answers {@code request} with {@code capture}, the last one
     * FINAL; empty if the request is incremental and nothing in its region changed (the caller
     * parks the request and captures again later). The capture must have the layout's size.
     */
    public List<ScreenUpdate> answer(UpdateRequest request, Capture capture) {
        Objects.requireNonNull(request, "request");
        if (layout == null || capture.width() != layout.width() || capture.height() != layout.height()) {
            throw new IllegalStateException("a capture of " + capture.width() + "x" + capture.height() + " is not the layout sent");
        }
        int s = request.scale();
        boolean reset = mustReset || s != scale || request.layoutGeneration() != layout.generation() || !request.incremental();
        Capture frame = Downscale.box(capture, s);
        if (shadow == null || s != scale) {
            // Black, as the Guest's new framebuffer starts.
            shadow = new int[frame.pixels().length];
            Arrays.fill(shadow, Pixels.OPAQUE);
            scale = s;
        }
        int stride = frame.width();
        int x0 = request.x() / s;
        int y0 = request.y() / s;
        int x1 = Math.min(frame.width(), ceilDiv(request.x() + request.w(), s));
        int y1 = Math.min(frame.height(), ceilDiv(request.y() + request.h(), s));
        List<Rect> rects = new ArrayList<>();
        if (x0 < x1 && y0 < y1) {
            TileGrid grid = new TileGrid(x0, y0, x1 - x0, y1 - y0);
            int[] px = frame.pixels();
            boolean[] dirty;
            if (reset) {
                dirty = new boolean[grid.tiles()];
                java.util.Arrays.fill(dirty, true);
            } else {
                dirty = ChangeDetector.dirtyTiles(px, shadow, stride, grid);
                List<Rect.Copy> copies = ScrollDetector.detect(px, shadow, stride, grid, dirty);
                for (Rect.Copy c : copies) {
                    Pixels.move(shadow, stride, c.x(), c.y(), c.w(), c.h(), c.srcX(), c.srcY());
                    rects.add(c);
                }
                if (!copies.isEmpty()) {
                    dirty = ChangeDetector.dirtyTiles(px, shadow, stride, grid);
                }
            }
            if (reset) {
                zlib.reset();
            }
            encodeTiles(px, stride, grid, dirty, rects);
        } else if (reset) {
            zlib.reset();
        }
        if (rects.isEmpty() && !reset) {
            return List.of();
        }
        mustReset = false;
        return pack(request.id(), s, reset, rects);
    }

    private void encodeTiles(int[] px, int stride, TileGrid grid, boolean[] dirty, List<Rect> rects) {
        for (int r = 0; r < grid.rows(); r++) {
            int y = grid.tileY(r);
            int h = grid.tileH(r);
            int solidX = -1;
            int solidW = 0;
            int solidColour = 0;
            for (int c = 0; c < grid.columns(); c++) {
                int x = grid.tileX(c);
                int w = grid.tileW(c);
                boolean changed = dirty[r * grid.columns() + c];
                int colours = changed ? classifier.classify(px, stride, x, y, w, h) : 0;
                boolean solid = colours == 1;
                int colour = solid ? px[y * stride + x] : 0;
                if (solidX >= 0 && !(solid && colour == solidColour)) {
                    rects.add(new Rect.Solid(solidX, y, solidW, h, solidColour & 0xFF_FFFF));
                    solidX = -1;
                }
                if (!changed) {
                    continue;
                }
                if (solid) {
                    if (solidX < 0) {
                        solidX = x;
                        solidW = 0;
                        solidColour = colour;
                    }
                    solidW += w;
                } else if (colours > 1) {
                    rects.add(palette(x, y, w, h, colours));
                } else {
                    rects.add(new Rect.Zlib(x, y, w, h, ZlibStreams.PIXELS,
                            zlib.compress(ZlibStreams.PIXELS, toRgb(px, stride, x, y, w, h), w * h * 3)));
                }
                Pixels.copyBlock(px, shadow, stride, x, y, w, h);
            }
            if (solidX >= 0) {
                rects.add(new Rect.Solid(solidX, y, solidW, h, solidColour & 0xFF_FFFF));
            }
        }
    }

    /**
     * The classified tile as PALETTE_ZLIB; as PALETTE when its packed indices are so few that
     * deflate's block and flush overhead would outweigh what it saves.
     */
    private Rect palette(int x, int y, int w, int h, int n) {
        int[] colours = classifier.colours();
        for (int i = 0; i < n; i++) {
            colours[i] &= 0xFF_FFFF;
        }
        int[] indices = classifier.indices();
        int bits = Rect.Palette.bitsPerIndex(n);
        int bytes = pack(indices, w, h, bits);
        if (bytes <= PALETTE_PLAIN_BYTES) {
            return new Rect.Palette(x, y, w, h, colours, Arrays.copyOf(packed, bytes));
        }
        return new Rect.PaletteZlib(x, y, w, h, colours, ZlibStreams.INDICES, zlib.compress(ZlibStreams.INDICES, packed, bytes));
    }

    /** Packs one index a pixel into {@link #packed} as the palette encodings carry it; returns the bytes used. */
    private int pack(int[] indices, int w, int h, int bits) {
        int rowBytes = Rect.Palette.rowBytes(w, bits);
        int bytes = rowBytes * h;
        Arrays.fill(packed, 0, bytes, (byte) 0);
        int k = 0;
        for (int row = 0; row < h; row++) {
            int at = row * rowBytes;
            for (int col = 0; col < w; col++) {
                int bit = col * bits;
                packed[at + (bit >>> 3)] |= (byte) (indices[k++] << (8 - bits - (bit & 7)));
            }
        }
        return bytes;
    }

    private byte[] toRgb(int[] px, int stride, int x, int y, int w, int h) {
        int k = 0;
        for (int row = y; row < y + h; row++) {
            int at = row * stride + x;
            for (int i = at; i < at + w; i++) {
                int p = px[i];
                rgb[k++] = (byte) (p >>> 16);
                rgb[k++] = (byte) (p >>> 8);
                rgb[k++] = (byte) p;
            }
        }
        return rgb;
    }

    /** Rects into parts of at most MAX_MESSAGE_BYTES and MAX_RECTS_PER_PART; FINAL on the last, ZLIB_RESET on the first. */
    private List<ScreenUpdate> pack(long requestId, int s, boolean reset, List<Rect> rects) {
        List<ScreenUpdate> parts = new ArrayList<>();
        List<Rect> part = new ArrayList<>();
        long bytes = ScreenUpdate.HEADER_BYTES;
        for (Rect rect : rects) {
            if (!part.isEmpty() && (bytes + rect.encodedBytes() > DesktopMessage.MAX_MESSAGE_BYTES
                    || part.size() == DesktopMessage.MAX_RECTS_PER_PART)) {
                parts.add(new ScreenUpdate(requestId, layout.generation(), s, parts.size(), false, reset && parts.isEmpty(), part));
                part = new ArrayList<>();
                bytes = ScreenUpdate.HEADER_BYTES;
            }
            part.add(rect);
            bytes += rect.encodedBytes();
        }
        parts.add(new ScreenUpdate(requestId, layout.generation(), s, parts.size(), true, reset && parts.isEmpty(), part));
        return parts;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public void close() {
        zlib.close();
    }
}
