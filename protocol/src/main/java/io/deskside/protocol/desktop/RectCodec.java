package io.deskside.protocol.desktop;

/** Reads and writes the rects of a screen update (the layouts are in {@link Rect}). */
final class RectCodec {

    private RectCodec() {
    }

    static Rect read(DesktopReader r) throws DesktopProtocolException {
        int x = r.u16();
        int y = r.u16();
        int w = r.u16();
        int h = r.u16();
        Rect.Encoding encoding = Check.code("a rectangle's encoding", Rect.Encoding.values(), r.u8());
        return switch (encoding) {
            case SOLID -> new Rect.Solid(x, y, w, h, r.rgb());
            case COPY -> new Rect.Copy(x, y, w, h, r.u16(), r.u16());
            case PALETTE -> {
                Rect.tile(w, h);
                int[] colours = palette(r);
                int rowBytes = Rect.Palette.rowBytes(w, Rect.Palette.bitsPerIndex(colours.length));
                yield new Rect.Palette(x, y, w, h, colours, r.fixed(rowBytes * h, "palette indices"));
            }
            case ZLIB -> {
                Rect.tile(w, h);
                int zstream = r.u8();
                yield new Rect.Zlib(x, y, w, h, zstream, r.bytes32(0, Rect.MAX_ZLIB_BYTES, "compressed pixels"));
            }
            case RAW -> {
                Rect.tile(w, h);
                yield new Rect.Raw(x, y, w, h, r.fixed(w * h * 3, "raw pixels"));
            }
            case PALETTE_ZLIB -> {
                Rect.tile(w, h);
                int[] colours = palette(r);
                int zstream = r.u8();
                yield new Rect.PaletteZlib(x, y, w, h, colours, zstream, r.bytes32(0, Rect.MAX_ZLIB_BYTES, "compressed indices"));
            }
        };
    }

    /** A palette: its colour count (2 to 16), then that many colours. */
    private static int[] palette(DesktopReader r) throws DesktopProtocolException {
        int n = Check.range("a palette's colour count", r.u8(), Rect.Palette.MIN_COLOURS, Rect.Palette.MAX_COLOURS);
        r.need(3L * n, "a palette");
        int[] colours = new int[n];
        for (int i = 0; i < n; i++) {
            colours[i] = r.rgb();
        }
        return colours;
    }

    static DesktopWriter write(DesktopWriter out, Rect rect) {
        out.u16(rect.x()).u16(rect.y()).u16(rect.w()).u16(rect.h()).u8(rect.encoding().code());
        // A switch expression, so a new encoding does not compile until it is written here too.
        return switch (rect.encoding()) {
            case SOLID -> out.rgb(((Rect.Solid) rect).rgb());
            case COPY -> out.u16(((Rect.Copy) rect).srcX()).u16(((Rect.Copy) rect).srcY());
            case PALETTE -> palette(out, ((Rect.Palette) rect).colours()).fixed(((Rect.Palette) rect).indices());
            case ZLIB -> out.u8(((Rect.Zlib) rect).zstream()).bytes32(((Rect.Zlib) rect).data());
            case RAW -> out.fixed(((Rect.Raw) rect).rgb());
            case PALETTE_ZLIB -> {
                Rect.PaletteZlib p = (Rect.PaletteZlib) rect;
                yield palette(out, p.colours()).u8(p.zstream()).bytes32(p.data());
            }
        };
    }

    private static DesktopWriter palette(DesktopWriter out, int[] colours) {
        out.u8(colours.length);
        for (int c : colours) {
            out.rgb(c);
        }
        return out;
    }
}
