package io.deskside.protocol.desktop.screen;

import static io.deskside.protocol.desktop.screen.ScreenPair.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.Rect;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZlibStreamTest {

    @Test
    void zlibCarriesItsDictionaryAcrossRectsPartsAndUpdates() {
        try (ScreenPair pair = new ScreenPair()) {
            Capture noise = Pictures.noise(1920, 1080, 5);
            List<Rect> rects = pair.update(noise, 1, false);
            List<ScreenUpdate> parts = pair.lastParts();
            assertTrue(parts.size() > 10, "a noisy 1080p screen needs many parts: " + parts.size());
            assertTrue(parts.get(0).zlibReset());
            for (int i = 0; i < parts.size(); i++) {
                assertEquals(i, parts.get(i).part());
                assertEquals(i == parts.size() - 1, parts.get(i).finalPart());
                assertTrue(parts.get(i).encode().length <= DesktopMessage.MAX_MESSAGE_BYTES);
                assertTrue(i == 0 || !parts.get(i).zlibReset());
            }
            assertEquals(rects.size(), count(rects, Rect.Encoding.ZLIB));

            // A tile sent a moment ago, again elsewhere: deflate finds it in the window (32 KiB) the last rects filled.
            Capture moved = Pictures.copy(noise);
            for (int row = 1024; row < 1080; row++) {
                System.arraycopy(noise.pixels(), row * 1920 + 1792, moved.pixels(), row * 1920 + 640, 64);
            }
            List<Rect> next = pair.update(moved, 1, true);
            assertFalse(pair.lastParts().get(0).zlibReset());
            assertEquals(1, next.size());
            Rect.Zlib z = (Rect.Zlib) next.get(0);
            assertTrue(z.data().length < 64 * 56 * 3 / 4, "a tile sent before costs a back reference: " + z.data().length);
        }
    }

    @Test
    void aFullRequestResetsTheStreamsAndTheGuestFollows() {
        try (ScreenPair pair = new ScreenPair()) {
            pair.update(Pictures.noise(300, 200, 6), 1, false);
            pair.update(Pictures.noise(300, 200, 7), 1, true);
            assertFalse(pair.lastParts().get(0).zlibReset());
            pair.update(Pictures.noise(300, 200, 8), 1, false);
            assertTrue(pair.lastParts().get(0).zlibReset());
            pair.update(Pictures.noise(300, 200, 9), 1, true);
            assertFalse(pair.lastParts().get(0).zlibReset());
        }
    }

    @Test
    void anIncrementalRequestWithNothingChangedIsParked() {
        try (ScreenPair pair = new ScreenPair()) {
            Capture c = Pictures.noise(100, 100, 10);
            pair.update(c, 1, false);
            assertTrue(pair.update(c, 1, true).isEmpty());
            assertTrue(pair.lastMessages.isEmpty());
        }
    }
}
