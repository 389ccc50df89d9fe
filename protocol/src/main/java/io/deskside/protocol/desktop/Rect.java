package io.deskside.protocol.desktop;

import io.deskside.protocol.wire.Message;
import java.util.Objects;

/**
 * One rectangle of a {@link DesktopMessage.ScreenUpdate}: where it lies in the Guest's
 * framebuffer and how its pixels are told. Coordinates are <em>scaled</em> (the framebuffer of
 * a scale-n update is ⌈W/n⌉ × ⌈H/n⌉); whether a rect lies inside it is the
 * {@code ScreenDecoder}'s check, since only it knows the layout. The Guest applies rects in
 * order, each to the framebuffer as the rects before it left it. Everything is lossless: what
 * the Guest draws is what the Host captured.
 *
 * <p>On the wire a rect is {@code u16 x, y, w, h, u8 encoding}, then its body. Pixels travel as
 * three bytes R, G, B; in a record a colour is {@code 0xRRGGBB} (no alpha). Byte arrays are
 * not copied: an array handed to a rect is never changed by it, and must not be changed after.
 */
public sealed interface Rect {

    /** The header every rect has: x, y, w, h and the encoding. */
    int HEADER_BYTES = 9;
    /** The smallest rect (a SOLID or a RAW pixel): what a rect count is checked against before reading. */
    int MIN_BYTES = HEADER_BYTES + 3;
    /** The most compressed bytes one ZLIB rect may carry. */
    int MAX_ZLIB_BYTES = DesktopMessage.MAX_MESSAGE_BYTES;

    int x();

    int y();

    int w();

    int h();

    Encoding encoding();

    /** This rect's bytes in a screen update, header included. */
    int encodedBytes();

    /** How a rect's pixels are told, by fixed code. */
    enum Encoding implements Message.Coded {
        /** One colour for the whole rect, of any size. */
        SOLID(0),
        /** A copy of w×h from elsewhere in the framebuffer as it was before this rect: moved and scrolled content. */
        COPY(1),
        /** 2 to 16 colours and a packed index per pixel. */
        PALETTE(2),
        /** The next bytes of one of the session's persistent zlib streams. */
        ZLIB(3),
        /** Three bytes per pixel: the fallback. */
        RAW(4),
        /** 2 to 16 colours and the packed indices as the next bytes of a persistent zlib stream: text and flat UI. */
        PALETTE_ZLIB(5);

        private final int code;

        Encoding(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** A rect inside the largest desktop: w, h ≥ 1 and x+w, y+h ≤ MAX_COORDINATE. */
    private static void area(int x, int y, int w, int h) {
        Check.range("a rectangle's width", w, 1, DesktopMessage.MAX_COORDINATE);
        Check.range("a rectangle's height", h, 1, DesktopMessage.MAX_COORDINATE);
        Check.range("a rectangle's x", x, 0, DesktopMessage.MAX_COORDINATE - w);
        Check.range("a rectangle's y", y, 0, DesktopMessage.MAX_COORDINATE - h);
    }

    /**
     * The pixel bound of a rect that carries pixels (PALETTE, ZLIB, RAW): checked before their
     * bytes are read, so a rect's size never makes the decoder allocate more than a tile.
     */
    static void tile(int w, int h) {
        Check.atMost("a rectangle's pixel count", (long) w * h, DesktopMessage.MAX_TILE_PIXELS);
    }

    private static int colour(String field, int rgb) {
        return Check.range(field, rgb, 0, 0xFFFFFF);
    }

    /** Colours in range and none twice: a palette's encoding of a tile is then the only one. */
    private static void distinct(int[] colours) {
        int[] sorted = colours.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            colour("a palette colour", sorted[i]);
            Check.wellFormed(i == 0 || sorted[i - 1] != sorted[i], "a palette names a colour twice");
        }
    }

    record Solid(int x, int y, int w, int h, int rgb) implements Rect {
        public Solid {
            area(x, y, w, h);
            colour("a solid colour", rgb);
        }

        @Override
        public Encoding encoding() {
            return Encoding.SOLID;
        }

        @Override
        public int encodedBytes() {
            return HEADER_BYTES + 3;
        }
    }

    /** Copies w×h from (srcX, srcY); overlapping source and target behave as {@code memmove}. */
    record Copy(int x, int y, int w, int h, int srcX, int srcY) implements Rect {
        public Copy {
            area(x, y, w, h);
            Check.range("a copy's source x", srcX, 0, DesktopMessage.MAX_COORDINATE - w);
            Check.range("a copy's source y", srcY, 0, DesktopMessage.MAX_COORDINATE - h);
        }

        @Override
        public Encoding encoding() {
            return Encoding.COPY;
        }

        @Override
        public int encodedBytes() {
            return HEADER_BYTES + 4;
        }
    }

    /**
     * 2 to 16 distinct colours, then one index per pixel, packed most significant bit first in
     * 1 (two colours), 2 (up to four) or 4 bits, each row padded to a whole byte with zero bits.
     * Every index names a colour. Distinct colours and zero padding make the encoding of a
     * tile the only one, which is what lets the decoder check that it re-encodes exactly.
     */
    record Palette(int x, int y, int w, int h, int[] colours, byte[] indices) implements Rect {
        public static final int MIN_COLOURS = 2;
        public static final int MAX_COLOURS = 16;

        public Palette {
            area(x, y, w, h);
            tile(w, h);
            Check.present("a palette", colours);
            Check.present("a palette's indices", indices);
            Check.range("a palette's colour count", colours.length, MIN_COLOURS, MAX_COLOURS);
            distinct(colours);
            int bits = bitsPerIndex(colours.length);
            int rowBytes = rowBytes(w, bits);
            Check.wellFormed(indices.length == rowBytes * h, "a palette's indices are not " + rowBytes * h + " bytes");
            checkIndices(w, h, colours.length, bits, rowBytes, indices);
        }

        /** Every index below n, every pad bit 0 (indices from offset 0; the array may be longer). */
        static void checkIndices(int w, int h, int n, int bits, int rowBytes, byte[] indices) {
            int perByte = 8 / bits;
            int mask = (1 << bits) - 1;
            int padBits = rowBytes * 8 - w * bits;
            boolean everyIndexFits = n == 1 << bits;
            for (int row = 0; row < h; row++) {
                int at = row * rowBytes;
                if (!everyIndexFits) {
                    for (int col = 0; col < w; col++) {
                        int b = indices[at + col / perByte] & 0xFF;
                        int index = (b >>> (8 - bits - (col % perByte) * bits)) & mask;
                        Check.wellFormed(index < n, "a palette index names no colour");
                    }
                }
                Check.wellFormed((indices[at + rowBytes - 1] & ((1 << padBits) - 1)) == 0, "a palette row has pad bits set");
            }
        }

        /** 1, 2 or 4 bits an index, for 2, up to 4 and up to 16 colours. */
        public static int bitsPerIndex(int colours) {
            return colours <= 2 ? 1 : colours <= 4 ? 2 : 4;
        }

        public static int rowBytes(int w, int bits) {
            return (w * bits + 7) / 8;
        }

        /** A palette rect from one index per pixel (row by row), packed as the wire wants it. */
        public static Palette of(int x, int y, int w, int h, int[] colours, int[] pixelIndices) {
            Check.present("a palette", colours);
            tile(w, h);
            Check.wellFormed(pixelIndices.length == w * h, "a palette needs one index per pixel");
            for (int index : pixelIndices) {
                Check.wellFormed(index >= 0 && index < colours.length, "a palette index names no colour");
            }
            int bits = bitsPerIndex(colours.length);
            int rowBytes = rowBytes(w, bits);
            byte[] packed = new byte[rowBytes * h];
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    int bit = col * bits;
                    packed[row * rowBytes + bit / 8] |= (byte) (pixelIndices[row * w + col] << (8 - bits - bit % 8));
                }
            }
            return new Palette(x, y, w, h, colours, packed);
        }

        /** The palette index of the pixel at (col, row) of this rect. */
        public int index(int col, int row) {
            int bits = bitsPerIndex(colours.length);
            int bit = col * bits;
            int b = indices[row * rowBytes(w, bits) + bit / 8] & 0xFF;
            return (b >>> (8 - bits - bit % 8)) & ((1 << bits) - 1);
        }

        @Override
        public Encoding encoding() {
            return Encoding.PALETTE;
        }

        @Override
        public int encodedBytes() {
            return HEADER_BYTES + 1 + 3 * colours.length + indices.length;
        }
    }

    /**
     * w·h·3 bytes of R, G, B from persistent zlib stream {@code zstream} (zlib-wrapped, never
     * finished). {@code data} are the next bytes of the stream, or none: a rect carries bytes
     * only when its stream has used up what it had, and inflates exactly its pixels from what
     * the stream has. A part ends every stream it used with a SYNC_FLUSH and leaves nothing
     * over, so an encoder sends all of a part's bytes of a stream with the first rect that
     * uses it, and one flush serves them all. This layer does not inflate: the {@code ScreenDecoder} does, strictly, into its
     * one scratch buffer.
     */
    record Zlib(int x, int y, int w, int h, int zstream, byte[] data) implements Rect {
        public Zlib {
            area(x, y, w, h);
            tile(w, h);
            Check.range("a zlib stream", zstream, 0, DesktopMessage.ZLIB_STREAMS - 1);
            Check.present("compressed pixels", data);
            Check.atMost("compressed pixels", data.length, MAX_ZLIB_BYTES);
        }

        @Override
        public Encoding encoding() {
            return Encoding.ZLIB;
        }

        @Override
        public int encodedBytes() {
            return HEADER_BYTES + 1 + 4 + data.length;
        }
    }

    /**
     * 2 to 16 distinct colours, then bytes of persistent zlib stream {@code zstream} (as
     * {@link Zlib}'s, perhaps none), from which the rect inflates exactly its packed indices as
     * {@link Palette} packs them: every index names a colour, every pad bit is 0. Text and flat
     * interfaces are half a byte a pixel or less before deflate, not three, and deflate then
     * finds the glyphs and rules that repeat. This layer does not inflate: the
     * {@code ScreenDecoder} does, and then checks the indices with {@link #checkIndices}.
     */
    record PaletteZlib(int x, int y, int w, int h, int[] colours, int zstream, byte[] data) implements Rect {
        public PaletteZlib {
            area(x, y, w, h);
            tile(w, h);
            Check.present("a palette", colours);
            Check.range("a palette's colour count", colours.length, Palette.MIN_COLOURS, Palette.MAX_COLOURS);
            distinct(colours);
            Check.range("a zlib stream", zstream, 0, DesktopMessage.ZLIB_STREAMS - 1);
            Check.present("compressed indices", data);
            Check.atMost("compressed indices", data.length, MAX_ZLIB_BYTES);
        }

        /** What the compressed indices inflate to, exactly. */
        public int indexBytes() {
            return Palette.rowBytes(w, Palette.bitsPerIndex(colours.length)) * h;
        }

        /**
         * Checks the inflated indices (from offset 0 of {@code indices}, {@link #indexBytes()} of
         * them): an index that names no colour or a pad bit set is MALFORMED.
         */
        public void checkIndices(byte[] indices) throws DesktopProtocolException {
            int bits = Palette.bitsPerIndex(colours.length);
            try {
                Palette.checkIndices(w, h, colours.length, bits, Palette.rowBytes(w, bits), indices);
            } catch (InvalidField e) {
                throw new DesktopProtocolException(e.reason(), e.getMessage());
            }
        }

        @Override
        public Encoding encoding() {
            return Encoding.PALETTE_ZLIB;
        }

        @Override
        public int encodedBytes() {
            return HEADER_BYTES + 1 + 3 * colours.length + 1 + 4 + data.length;
        }
    }

    /** w·h pixels of R, G, B, rows top-down. */
    record Raw(int x, int y, int w, int h, byte[] rgb) implements Rect {
        public Raw {
            area(x, y, w, h);
            tile(w, h);
            Check.present("raw pixels", rgb);
            Check.wellFormed(rgb.length == w * h * 3, "raw pixels are not 3 bytes per pixel");
        }

        @Override
        public Encoding encoding() {
            return Encoding.RAW;
        }

        @Override
        public int encodedBytes() {
            return HEADER_BYTES + rgb.length;
        }
    }
}
