package io.deskside.protocol.desktop.screen;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import io.deskside.protocol.desktop.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * The Guest's half of the screen: applies {@link Layout}s and {@link ScreenUpdate} parts to
 * its framebuffer, ⌈W/scale⌉ × ⌈H/scale⌉ pixels {@code 0xFFRRGGBB} (a {@code TYPE_INT_RGB}
 * raster can wrap the array without a copy). It checks what only a stateful reader can: an
 * update comes after a layout and names its generation; parts come in order; a change of scale
 * resets the zlib streams; every rect and every COPY source lies inside the framebuffer. Any
 * break is a {@link DesktopProtocolException} and ends the session; there is no resync.
 *
 * <p>A Layout drops the framebuffer; the next update's first part makes a new one, black, at
 * its scale (so the Host's new Shadow and this framebuffer start equal). One decoder lives as
 * long as one sealed channel. Not thread-safe: the Guest's decoding thread owns it.
 */
public final class ScreenDecoder implements AutoCloseable {

    private final int maxPixels;
    private final ZlibStreams.Inflating zlib = new ZlibStreams.Inflating();
    private final byte[] scratch = new byte[DesktopMessage.MAX_TILE_PIXELS * 3];
    private Layout layout;
    private int[] framebuffer;
    private int scale;
    private int width;
    private int height;
    private ScreenUpdate inProgress;

    /** {@code maxPixels}: the largest desktop this Guest accepts ({@link DesktopMessage#MAX_DESKTOP_PIXELS}; less in a fuzz harness). */
    public ScreenDecoder(int maxPixels) {
        this.maxPixels = maxPixels;
    }

    public void apply(Layout newLayout) throws DesktopProtocolException {
        if ((long) newLayout.width() * newLayout.height() > maxPixels) {
            throw new DesktopProtocolException(Reason.TOO_LARGE, "a desktop larger than this Guest takes");
        }
        if (inProgress != null) {
            throw new DesktopProtocolException(Reason.BAD_STATE, "a layout in the middle of an update");
        }
        layout = newLayout;
        framebuffer = null;
    }

    /** Applies one part and returns where it drew, in framebuffer coordinates. */
    public List<Damage> apply(ScreenUpdate part) throws DesktopProtocolException {
        if (layout == null) {
            throw new DesktopProtocolException(Reason.BAD_STATE, "a screen update before any layout");
        }
        if (part.layoutGeneration() != layout.generation()) {
            throw new DesktopProtocolException(Reason.BAD_STATE, "a screen update for another layout generation");
        }
        if (inProgress == null) {
            if (part.part() != 0) {
                throw new DesktopProtocolException(Reason.BAD_STATE, "an update that begins with part " + part.part());
            }
            begin(part);
        } else if (part.part() != inProgress.part() + 1 || part.requestId() != inProgress.requestId()
                || part.scale() != inProgress.scale()) {
            throw new DesktopProtocolException(Reason.BAD_STATE, "a screen update part out of order");
        }
        inProgress = part.finalPart() ? null : part;
        List<Damage> damage = new ArrayList<>(part.rects().size());
        for (Rect rect : part.rects()) {
            draw(rect);
            damage.add(new Damage(rect.x(), rect.y(), rect.w(), rect.h()));
        }
        zlib.endOfPart();
        return damage;
    }

    /** Applies a Layout or a ScreenUpdate; other messages are not the screen's. */
    public List<Damage> apply(DesktopMessage message) throws DesktopProtocolException {
        if (message instanceof Layout l) {
            apply(l);
            return List.of();
        }
        if (message instanceof ScreenUpdate u) {
            return apply(u);
        }
        throw new IllegalArgumentException("not a screen message: " + message.type());
    }

    private void begin(ScreenUpdate part) throws DesktopProtocolException {
        if (part.scale() != scale && !part.zlibReset()) {
            throw new DesktopProtocolException(Reason.BAD_STATE, "a change of scale without a zlib reset");
        }
        if (part.zlibReset()) {
            zlib.reset();
        }
        if (framebuffer == null || part.scale() != scale) {
            scale = part.scale();
            width = (layout.width() + scale - 1) / scale;
            height = (layout.height() + scale - 1) / scale;
            framebuffer = new int[width * height];
            java.util.Arrays.fill(framebuffer, Pixels.OPAQUE);
        }
    }

    private void draw(Rect rect) throws DesktopProtocolException {
        inside(rect.x(), rect.y(), rect.w(), rect.h(), "a rectangle");
        switch (rect.encoding()) {
            case SOLID -> Pixels.fill(framebuffer, width, rect.x(), rect.y(), rect.w(), rect.h(), Pixels.OPAQUE | ((Rect.Solid) rect).rgb());
            case COPY -> {
                Rect.Copy c = (Rect.Copy) rect;
                inside(c.srcX(), c.srcY(), c.w(), c.h(), "a copy's source");
                Pixels.move(framebuffer, width, c.x(), c.y(), c.w(), c.h(), c.srcX(), c.srcY());
            }
            case PALETTE -> unpack(((Rect.Palette) rect).colours(), ((Rect.Palette) rect).indices(), rect.x(), rect.y(), rect.w(), rect.h());
            case ZLIB -> {
                Rect.Zlib z = (Rect.Zlib) rect;
                zlib.inflate(z.zstream(), z.data(), scratch, z.w() * z.h() * 3);
                expand(scratch, z.x(), z.y(), z.w(), z.h());
            }
            case RAW -> expand(((Rect.Raw) rect).rgb(), rect.x(), rect.y(), rect.w(), rect.h());
            case PALETTE_ZLIB -> {
                Rect.PaletteZlib p = (Rect.PaletteZlib) rect;
                zlib.inflate(p.zstream(), p.data(), scratch, p.indexBytes());
                p.checkIndices(scratch);
                unpack(p.colours(), scratch, p.x(), p.y(), p.w(), p.h());
            }
        }
    }

    private void inside(int x, int y, int w, int h, String what) throws DesktopProtocolException {
        if (x + w > width || y + h > height) {
            throw new DesktopProtocolException(Reason.BAD_STATE, what + " outside the framebuffer");
        }
    }

    /** Draws packed palette indices (checked already) at (x, y). */
    private void unpack(int[] colours, byte[] indices, int x, int y, int w, int h) {
        int[] argb = new int[colours.length];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = Pixels.OPAQUE | colours[i];
        }
        int bits = Rect.Palette.bitsPerIndex(argb.length);
        int rowBytes = Rect.Palette.rowBytes(w, bits);
        int mask = (1 << bits) - 1;
        for (int row = 0; row < h; row++) {
            int at = (y + row) * width + x;
            int in = row * rowBytes;
            for (int col = 0; col < w; col++) {
                int bit = col * bits;
                framebuffer[at + col] = argb[((indices[in + (bit >>> 3)] & 0xFF) >>> (8 - bits - (bit & 7))) & mask];
            }
        }
    }

    private void expand(byte[] rgb, int x, int y, int w, int h) {
        int k = 0;
        for (int row = y; row < y + h; row++) {
            int at = row * width + x;
            for (int i = at; i < at + w; i++) {
                framebuffer[i] = Pixels.OPAQUE | (rgb[k] & 0xFF) << 16 | (rgb[k + 1] & 0xFF) << 8 | (rgb[k + 2] & 0xFF);
                k += 3;
            }
        }
    }

    /** The framebuffer as it is now (not a copy; the decoder keeps drawing into it), or null before the first update. */
    public int[] framebuffer() {
        return framebuffer;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int scale() {
        return scale;
    }

    @Override
    public void close() {
        zlib.close();
    }
}
