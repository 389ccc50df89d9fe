package io.deskside.protocol.desktop.screen;

import static io.deskside.protocol.desktop.screen.ScreenPair.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.Rect;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RectEncodingTest {

    @ParameterizedTest(name = "{0} colours, {1} wide")
    @CsvSource({"2,1", "2,7", "2,13", "2,64", "3,1", "3,7", "3,13", "3,64", "4,1", "4,7", "4,13", "4,64",
            "5,1", "5,7", "5,13", "5,64", "16,1", "16,7", "16,13", "16,64"})
    void aTileOfFewColoursTravelsAsOnePaletteRectAndArrivesExactly(int colours, int width) {
        // PALETTE_ZLIB, unless the packed indices are a few bytes (1 and 7 wide at 1 or 2 bits):
        // then plain PALETTE, since deflate's overhead would cost more than it saves.
        int h = 17;
        int[] palette = new int[colours];
        for (int i = 0; i < colours; i++) {
            palette[i] = 0xFF00_0000 | (i * 0x10_2030 + 0x0F);
        }
        Random random = new Random(colours * 100 + width);
        int[] px = new int[width * h];
        for (int i = 0; i < px.length; i++) {
            // Every colour at least once, then at random.
            px[i] = palette[i < colours ? i : random.nextInt(colours)];
        }
        try (ScreenPair pair = new ScreenPair()) {
            List<Rect> rects = pair.update(new Capture(width, h, px), 1, false);
            assertEquals(1, rects.size());
            int packed = Rect.Palette.rowBytes(width, Rect.Palette.bitsPerIndex(colours)) * h;
            if (packed <= ScreenEncoder.PALETTE_PLAIN_BYTES) {
                assertEquals(colours, ((Rect.Palette) rects.get(0)).colours().length);
            } else {
                Rect.PaletteZlib p = (Rect.PaletteZlib) rects.get(0);
                assertEquals(colours, p.colours().length);
                assertEquals(packed, p.indexBytes());
            }
        }
    }

    @Test
    void aTileThatRepeatsItselfTravelsInAFractionOfItsIndices() {
        // Four colours in a pattern that repeats every 8 pixels, as text and rules do.
        int[] colours = {0xFFFFFFFF, 0xFF000000, 0xFF808080, 0xFF3366CC};
        int[] px = new int[64 * 64];
        for (int i = 0; i < px.length; i++) {
            px[i] = colours[(i % 8) * 7 % 4];
        }
        try (ScreenPair pair = new ScreenPair()) {
            List<Rect> rects = pair.update(new Capture(64, 64, px), 1, false);
            Rect.PaletteZlib p = (Rect.PaletteZlib) rects.get(0);
            assertEquals(64 * 64 / 4, p.indexBytes());
            assertTrue(p.data().length < p.indexBytes() / 10, p.data().length + " bytes for " + p.indexBytes() + " of indices");
        }
    }

    @Test
    void aScreenOfOneColourTravelsAsOneSolidRectPerTileRow() {
        try (ScreenPair pair = new ScreenPair()) {
            List<Rect> rects = pair.update(Pictures.solid(1920, 1080, 0xFF336699), 1, false);
            assertEquals(17, rects.size());
            assertEquals(17, count(rects, Rect.Encoding.SOLID));
            assertEquals(1920, rects.get(0).w());
            assertEquals(56, rects.get(16).h());
        }
    }

    @Test
    void aSolidRectOfTheWidestDesktopFillsIt() throws DesktopProtocolException {
        try (ScreenDecoder guest = new ScreenDecoder(1 << 20)) {
            guest.apply(new Layout(1, 16_384, 8, List.of(new Layout.Monitor(0, 0, 16_384, 8, true))));
            guest.apply(new ScreenUpdate(1, 1, 1, 0, true, true, List.of(new Rect.Solid(0, 0, 16_384, 8, 0x123456))));
            int[] expected = new int[16_384 * 8];
            java.util.Arrays.fill(expected, 0xFF12_3456);
            assertArrayEquals(expected, guest.framebuffer());
        }
    }

    @Test
    void aTileOfManyColoursTravelsAsZlib() {
        try (ScreenPair pair = new ScreenPair()) {
            List<Rect> rects = pair.update(Pictures.noise(64, 64, 1), 1, false);
            assertEquals(1, rects.size());
            assertEquals(Rect.Encoding.ZLIB, rects.get(0).encoding());
        }
    }

    @Test
    void aRawRectIsDrawnPixelForPixel() throws DesktopProtocolException {
        try (ScreenDecoder guest = new ScreenDecoder(1 << 20)) {
            guest.apply(new Layout(7, 5, 4, List.of(new Layout.Monitor(0, 0, 5, 4, true))));
            byte[] rgb = new byte[3 * 3 * 3];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) (i * 9);
            }
            guest.apply(new ScreenUpdate(1, 7, 1, 0, true, true, List.of(new Rect.Raw(2, 1, 3, 3, rgb))));
            int[] fb = guest.framebuffer();
            assertEquals(0xFF00_0912, fb[1 * 5 + 2]);
            assertEquals(0xFF00_0000 | (24 * 9 & 0xFF) << 16 | (25 * 9 & 0xFF) << 8 | (26 * 9 & 0xFF), fb[3 * 5 + 4]);
            assertEquals(0xFF00_0000, fb[0]);
        }
    }

    @Test
    void tilesAreClippedAtTheRightAndBottomEdgesAndARegionNeedNotBeAligned() {
        try (ScreenPair pair = new ScreenPair()) {
            Capture first = Pictures.noise(1920, 1080, 2);
            pair.update(first, 1, false);
            Capture corner = Pictures.copy(first);
            Pictures.fill(corner, 1900, 1070, 20, 10, 0xFF00FF00);
            List<Rect> rects = pair.update(corner, 1, true);
            assertEquals(1, rects.size());
            Rect r = rects.get(0);
            assertEquals(List.of(1856, 1024, 64, 56), List.of(r.x(), r.y(), r.w(), r.h()));

            Capture off = Pictures.noise(1920, 1080, 3);
            rects = pair.update(off, 1, true, 101, 37, 999, 555);
            for (Rect rect : rects) {
                assertTrue(rect.x() >= 101 && rect.y() >= 37 && rect.x() + rect.w() <= 1100 && rect.y() + rect.h() <= 592);
            }
        }
    }
}
