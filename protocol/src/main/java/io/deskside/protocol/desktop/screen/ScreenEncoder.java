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
 * when the indices are a few bytes; ZLIB), in parts of at most
 * {@link DesktopMessage#MAX_MESSAGE_BYTES}, each part flushing the zlib streams it used once. A full request, a change of scale, a stale layout
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
        if (reset) {
            zlib.reset();
        }
        Parts parts = new Parts(request.id(), s, reset);
        if (x0 < x1 && y0 < y1) {
            TileGrid grid = new TileGrid(x0, y0, x1 - x0, y1 - y0);
            int[] px = frame.pixels();
            boolean[] dirty;
            if (reset) {
                dirty = new boolean[grid.tiles()];
                Arrays.fill(dirty, true);
            } else {
                dirty = ChangeDetector.dirtyTiles(px, shadow, stride, grid);
                List<Rect.Copy> copies = ScrollDetector.detect(px, shadow, stride, grid, dirty);
                for (Rect.Copy c : copies) {
                    Pixels.move(shadow, stride, c.x(), c.y(), c.w(), c.h(), c.srcX(), c.srcY());
                    parts.add(c);
                }
                if (!copies.isEmpty()) {
                    dirty = ChangeDetector.dirtyTiles(px, shadow, stride, grid);
                }
            }
            encodeTiles(px, stride, grid, dirty, parts);
        }
        if (parts.isEmpty() && !reset) {
            return List.of();
        }
        mustReset = false;
        return parts.finish();
    }

    private void encodeTiles(int[] px, int stride, TileGrid grid, boolean[] dirty, Parts parts) {
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
                    parts.add(new Rect.Solid(solidX, y, solidW, h, solidColour & 0xFF_FFFF));
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
                    palette(x, y, w, h, colours, parts);
                } else {
                    parts.addZlib(ZlibStreams.PIXELS, x, y, w, h, null, toRgb(px, stride, x, y, w, h), w * h * 3);
                }
                Pixels.copyBlock(px, shadow, stride, x, y, w, h);
            }
            if (solidX >= 0) {
                parts.add(new Rect.Solid(solidX, y, solidW, h, solidColour & 0xFF_FFFF));
            }
        }
    }

    /**
     * The classified tile as PALETTE_ZLIB; as PALETTE when its packed indices are so few that
     * deflate would save next to nothing.
     */
    private void palette(int x, int y, int w, int h, int n, Parts parts) {
        int[] colours = classifier.colours();
        for (int i = 0; i < n; i++) {
            colours[i] &= 0xFF_FFFF;
        }
        int bytes = pack(classifier.indices(), w, h, Rect.Palette.bitsPerIndex(n));
        if (bytes <= PALETTE_PLAIN_BYTES) {
            parts.add(new Rect.Palette(x, y, w, h, colours, Arrays.copyOf(packed, bytes)));
        } else {
            parts.addZlib(ZlibStreams.INDICES, x, y, w, h, colours, packed, bytes);
        }
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

    /**
     * The parts of one update, built as its rects come: a part closes before it would outgrow
     * {@link DesktopMessage#MAX_MESSAGE_BYTES} or {@link DesktopMessage#MAX_RECTS_PER_PART},
     * and then flushes each zlib stream once, its bytes going with the first rect of the part
     * that uses the stream. Until the flush a zlib rect's size is not known, so it counts as
     * deflate's worst case: its input and a little more.
     */
    private final class Parts {
        private final long requestId;
        private final int scale;
        private final boolean reset;
        private final List<ScreenUpdate> done = new ArrayList<>();
        /** The open part's rects: a {@link Rect}, or a {@link Waiting} zlib rect whose bytes come at the flush. */
        private final List<Object> rects = new ArrayList<>();
        private long bytes = ScreenUpdate.HEADER_BYTES;

        Parts(long requestId, int scale, boolean reset) {
            this.requestId = requestId;
            this.scale = scale;
            this.reset = reset;
        }

        boolean isEmpty() {
            return done.isEmpty() && rects.isEmpty();
        }

        void add(Rect rect) {
            room(rect.encodedBytes());
            rects.add(rect);
            bytes += rect.encodedBytes();
        }

        /** A ZLIB rect ({@code colours} null) or a PALETTE_ZLIB one, whose pixels or indices are {@code input[0, length)}. */
        void addZlib(int stream, int x, int y, int w, int h, int[] colours, byte[] input, int length) {
            // The rect's fields, deflate's worst case for the input (stored blocks), the flush.
            long most = Rect.HEADER_BYTES + 1 + 3L * Rect.Palette.MAX_COLOURS + 1 + 4 + length + (length >>> 10) + 64;
            room(most);
            zlib.add(stream, input, length);
            rects.add(new Waiting(stream, x, y, w, h, colours));
            bytes += most;
        }

        private void room(long more) {
            if (!rects.isEmpty() && (bytes + more > DesktopMessage.MAX_MESSAGE_BYTES || rects.size() == DesktopMessage.MAX_RECTS_PER_PART)) {
                close(false);
            }
        }

        private void close(boolean last) {
            byte[][] data = new byte[DesktopMessage.ZLIB_STREAMS][];
            for (int stream : new int[] {ZlibStreams.PIXELS, ZlibStreams.INDICES}) {
                if (zlib.used(stream)) {
                    data[stream] = zlib.flush(stream);
                }
            }
            List<Rect> part = new ArrayList<>(rects.size());
            for (Object o : rects) {
                if (o instanceof Waiting z) {
                    part.add(z.rect(data[z.stream()]));
                    data[z.stream()] = NO_BYTES;
                } else {
                    part.add((Rect) o);
                }
            }
            done.add(new ScreenUpdate(requestId, layout.generation(), scale, done.size(), last, reset && done.isEmpty(), part));
            rects.clear();
            bytes = ScreenUpdate.HEADER_BYTES;
        }

        List<ScreenUpdate> finish() {
            close(true);
            return done;
        }
    }

    private static final byte[] NO_BYTES = new byte[0];

    /** A zlib rect of the open part, before the flush gives it its bytes. */
    private record Waiting(int stream, int x, int y, int w, int h, int[] colours) {
        Rect rect(byte[] data) {
            return colours == null ? new Rect.Zlib(x, y, w, h, stream, data) : new Rect.PaletteZlib(x, y, w, h, colours, stream, data);
        }
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

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public void close() {
        zlib.close();
    }
}
