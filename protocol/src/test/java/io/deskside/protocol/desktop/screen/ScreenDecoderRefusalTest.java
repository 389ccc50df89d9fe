package io.deskside.protocol.desktop.screen;

import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.BAD_STATE;
import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.MALFORMED;
import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.TRUNCATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import io.deskside.protocol.desktop.Rect;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ScreenDecoderRefusalTest {

    private static final Layout LAYOUT = new Layout(5, 64, 32, List.of(new Layout.Monitor(0, 0, 64, 32, true)));
    private static final Rect RED = new Rect.Solid(0, 0, 4, 4, 0xFF0000);

    private final ScreenDecoder guest = new ScreenDecoder(1 << 20);

    private static void refused(Reason reason, Executable step) {
        DesktopProtocolException e = assertThrows(DesktopProtocolException.class, step);
        assertEquals(reason, e.reason(), e.getMessage());
    }

    private static ScreenUpdate part(long request, int part, boolean last, boolean reset, Rect... rects) {
        return new ScreenUpdate(request, 5, 1, part, last, reset, List.of(rects));
    }

    private static byte[] deflated(byte[] input, int length) {
        Deflater d = new Deflater(1);
        d.setInput(input, 0, length);
        byte[] out = new byte[length + 1024];
        int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        d.end();
        return Arrays.copyOf(out, n);
    }

    @Test
    void anUpdateBeforeAnyLayoutIsRefused() {
        refused(BAD_STATE, () -> guest.apply(part(1, 0, true, true, RED)));
    }

    @Test
    void anUpdateForAnotherGenerationIsRefused() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        refused(BAD_STATE, () -> guest.apply(new ScreenUpdate(1, 4, 1, 0, true, true, List.of(RED))));
    }

    @Test
    void partsOutOfOrderAreRefused() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        refused(BAD_STATE, () -> guest.apply(part(1, 1, true, false, RED)));
        guest.apply(part(1, 0, false, true, RED));
        refused(BAD_STATE, () -> guest.apply(part(1, 2, true, false, RED)));
        refused(BAD_STATE, () -> guest.apply(part(2, 1, true, false, RED)));
        guest.apply(part(1, 1, true, false, RED));
        refused(BAD_STATE, () -> guest.apply(part(2, 1, true, false, RED)));
    }

    @Test
    void aChangeOfScaleWithoutAZlibResetIsRefused() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        guest.apply(part(1, 0, true, true, RED));
        refused(BAD_STATE, () -> guest.apply(new ScreenUpdate(2, 5, 2, 0, true, false, List.of(RED))));
    }

    @Test
    void aZlibRectBeforeAnyResetIsRefused() throws DesktopProtocolException {
        ScreenDecoder fresh = new ScreenDecoder(1 << 20);
        fresh.apply(LAYOUT);
        byte[] pixels = new byte[16 * 16 * 3];
        Rect zlib = new Rect.Zlib(0, 0, 16, 16, 0, deflated(pixels, pixels.length));
        // Scale 1 is a change from nothing, so a first update must reset; one that does not is refused.
        refused(BAD_STATE, () -> fresh.apply(part(1, 0, true, false, zlib)));
        fresh.close();
    }

    @Test
    void aZlibBombIsRefusedAfterReadingOnlyItsInput() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        byte[] mebibyte = new byte[1 << 20];
        byte[] bomb = deflated(mebibyte, mebibyte.length);
        refused(MALFORMED, () -> guest.apply(part(1, 0, true, true, new Rect.Zlib(0, 0, 16, 16, 0, bomb))));
    }

    @Test
    void zlibThatInflatesToFewerPixelsThanTheRectIsRefused() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        byte[] pixels = new byte[16 * 15 * 3];
        refused(TRUNCATED, () -> guest.apply(part(1, 0, true, true, new Rect.Zlib(0, 0, 16, 16, 0, deflated(pixels, pixels.length)))));
    }

    @Test
    void paletteZlibIndicesThatNameNoColourOrSetPadBitsAreRefused() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        // Three colours, 2 bits an index, 5 wide: 2 bytes a row. Index 3 names no colour.
        byte[] three = {(byte) 0b00_01_10_11, 0};
        refused(MALFORMED, () -> guest.apply(part(1, 0, true, true,
                new Rect.PaletteZlib(0, 0, 5, 1, new int[] {0, 0x808080, 0xFFFFFF}, 1, deflated(three, 2)))));
        // Index 2 everywhere it counts, but a pad bit set after the fifth pixel.
        byte[] pad = {(byte) 0b10_10_10_10, (byte) 0b10_000001};
        refused(MALFORMED, () -> guest.apply(part(2, 0, true, true,
                new Rect.PaletteZlib(0, 0, 5, 1, new int[] {0, 0x808080, 0xFFFFFF}, 1, deflated(pad, 2)))));
    }

    @Test
    void paletteZlibIndicesShortOfTheRectAreRefused() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        byte[] oneRow = new byte[2];
        refused(TRUNCATED, () -> guest.apply(part(1, 0, true, true,
                new Rect.PaletteZlib(0, 0, 5, 2, new int[] {0, 0xFFFFFF}, 1, deflated(oneRow, 1)))));
    }

    @Test
    void paletteZlibIsDrawnFromItsIndices() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        // Two colours, 1 bit an index, 10 wide: two bytes a row, six pad bits.
        byte[] indices = {(byte) 0b1010_1010, (byte) 0b01_000000, (byte) 0b1111_1111, (byte) 0b11_000000};
        guest.apply(part(1, 0, true, true, new Rect.PaletteZlib(0, 0, 10, 2, new int[] {0x000000, 0x123456}, 1, deflated(indices, 4))));
        int[] fb = guest.framebuffer();
        int on = 0xFF12_3456;
        int off = 0xFF00_0000;
        assertEquals(List.of(on, off, on, off, on, off, on, off, off, on),
                Arrays.stream(Arrays.copyOfRange(fb, 0, 10)).boxed().toList());
        assertEquals(List.of(on, on, on, on, on, on, on, on, on, on),
                Arrays.stream(Arrays.copyOfRange(fb, 64, 74)).boxed().toList());
    }

    @Test
    void zlibRectsOfAPartShareOneFlushAndLeaveNothingOver() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        byte[] two = new byte[2 * 4 * 4 * 3];
        Arrays.fill(two, 0, 48, (byte) 0x11);
        Arrays.fill(two, 48, 96, (byte) 0x22);
        byte[] both = deflated(two, two.length);
        // The first rect carries the bytes of both; the second none: it takes what is left.
        guest.apply(part(1, 0, true, true, new Rect.Zlib(0, 0, 4, 4, 0, both), new Rect.Zlib(4, 0, 4, 4, 0, new byte[0])));
        assertEquals(0xFF11_1111, guest.framebuffer()[0]);
        assertEquals(0xFF22_2222, guest.framebuffer()[4]);
        // A rect with no bytes of its own when its stream has none left is short of pixels.
        refused(TRUNCATED, () -> guest.apply(part(2, 0, true, false, new Rect.Zlib(0, 0, 4, 4, 0, new byte[0]))));
    }

    @Test
    void zlibBytesForAStreamWhoseBytesLeftStillMakePixelsAreRefused() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        byte[] two = new byte[2 * 4 * 4 * 3];
        // The first rect's bytes hold the second's pixels too; bytes on the second would have to
        // be joined to what is left (a copy per rect, which a hostile part of 2,048 rects abuses).
        refused(MALFORMED, () -> guest.apply(part(1, 0, true, true,
                new Rect.Zlib(0, 0, 4, 4, 0, deflated(two, two.length)), new Rect.Zlib(4, 0, 4, 4, 0, deflated(two, 48)))));
    }

    @Test
    void zlibRectsEachWithItsOwnFlushAreTakenToo() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        byte[] a = new byte[48];
        Arrays.fill(a, (byte) 0x33);
        Deflater d = new Deflater(6);
        byte[] out = new byte[256];
        d.setInput(a);
        byte[] first = Arrays.copyOf(out, d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH));
        d.setInput(a);
        byte[] second = Arrays.copyOf(out, d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH));
        d.end();
        guest.apply(part(1, 0, true, true, new Rect.Zlib(0, 0, 4, 4, 0, first), new Rect.Zlib(4, 0, 4, 4, 0, second)));
        assertEquals(0xFF33_3333, guest.framebuffer()[7]);
    }

    @Test
    void zlibBytesLeftOverAtTheEndOfAPartAreRefused() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        byte[] two = new byte[2 * 4 * 4 * 3];
        // Pixels for two rects, and only one rect takes them: the part would leave pixels over.
        refused(MALFORMED, () -> guest.apply(part(1, 0, true, true, new Rect.Zlib(0, 0, 4, 4, 0, deflated(two, two.length)))));
    }

    @Test
    void bytesThatAreNotZlibAreRefused() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        refused(MALFORMED, () -> guest.apply(part(1, 0, true, true, new Rect.Zlib(0, 0, 16, 16, 0, new byte[] {1, 2, 3, 4}))));
    }

    @Test
    void aRectOrACopySourceOutsideTheFramebufferIsRefused() throws DesktopProtocolException {
        guest.apply(LAYOUT);
        refused(BAD_STATE, () -> guest.apply(part(1, 0, true, true, new Rect.Solid(60, 0, 5, 4, 0))));
        guest.apply(part(2, 0, true, false, RED));
        refused(BAD_STATE, () -> guest.apply(part(3, 0, true, false, new Rect.Copy(0, 0, 8, 8, 0, 25))));
        refused(BAD_STATE, () -> guest.apply(part(4, 0, true, false, new Rect.Copy(0, 0, 8, 8, 57, 0))));
    }

    @Test
    void aDesktopLargerThanTheGuestTakesIsRefused() {
        ScreenDecoder small = new ScreenDecoder(64 * 31);
        refused(Reason.TOO_LARGE, () -> small.apply(LAYOUT));
        small.close();
    }
}
