package io.deskside.protocol.desktop.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.Rect;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScaleAndLayoutTest {

    @ParameterizedTest(name = "scale {0}")
    @ValueSource(ints = {2, 3, 4})
    void aScaledGuestShowsTheBoxFilteredCaptureOnOddSizes(int scale) {
        int[] doc = Pictures.document(1001, 777, 12);
        Capture c = new Capture(1001, 777, doc);
        try (ScreenPair pair = new ScreenPair()) {
            pair.update(c, scale, false); // ScreenPair checks Downscale.box(c, scale) == framebuffer
            Capture typed = Pictures.copy(c);
            Pictures.fill(typed, 333, 333, 77, 55, 0xFF8000FF);
            pair.update(typed, scale, true);
            assertTrue(pair.lastParts().size() == 1 && !pair.lastParts().get(0).zlibReset());
        }
    }

    @Test
    void aChangeOfScaleResetsTheStreamsAndSendsEverything() {
        Capture c = Pictures.noise(333, 211, 13);
        try (ScreenPair pair = new ScreenPair()) {
            pair.update(c, 1, true);
            pair.update(c, 2, true);
            assertTrue(pair.lastParts().get(0).zlibReset());
            pair.update(c, 3, true);
            pair.update(c, 1, true);
            assertTrue(pair.lastParts().get(0).zlibReset());
        }
    }

    @Test
    void aNewDesktopSizeSendsALayoutThenAFullUpdate() {
        try (ScreenPair pair = new ScreenPair()) {
            pair.update(Pictures.noise(640, 480, 14), 1, false);
            assertInstanceOf(Layout.class, pair.lastMessages.get(0));
            Capture bigger = Pictures.noise(800, 600, 15);
            List<Rect> rects = pair.update(bigger, 1, true);
            Layout layout = (Layout) pair.lastMessages.get(0);
            assertEquals(2, layout.generation());
            assertEquals(800, layout.width());
            ScreenUpdate first = (ScreenUpdate) pair.lastMessages.get(1);
            assertTrue(first.zlibReset());
            assertEquals(2, first.layoutGeneration());
            long pixels = rects.stream().mapToLong(r -> (long) r.w() * r.h()).sum();
            assertEquals(800 * 600, pixels);
            pair.update(bigger, 1, true);
            assertTrue(pair.lastMessages.isEmpty());
        }
    }

    @Test
    void aNewPairMidSessionStartsOverWithAReset() {
        Capture c = Pictures.noise(500, 300, 16);
        try (ScreenPair first = new ScreenPair()) {
            first.update(c, 1, false);
        }
        try (ScreenPair second = new ScreenPair()) {
            List<Rect> rects = second.update(c, 1, true);
            assertTrue(second.lastParts().get(0).zlibReset());
            assertTrue(rects.stream().anyMatch(r -> r.encoding() == Rect.Encoding.ZLIB));
        }
    }
}
