package io.deskside.protocol.desktop.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.ChatLine;
import io.deskside.protocol.desktop.DesktopMessage.CursorPosition;
import io.deskside.protocol.desktop.DesktopMessage.CursorSelect;
import io.deskside.protocol.desktop.DesktopMessage.CursorShape;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.wire.Message.Role;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CursorCacheTest {

    private final CursorCache cache = new CursorCache();

    /** A w×h shape of one colour, through the real codec as the Guest would receive it. */
    private static CursorShape shape(int slot, int w, int h, int argb) {
        int[] pixels = new int[w * h];
        Arrays.fill(pixels, argb);
        return (CursorShape) received(new CursorShape(slot, w, h, w / 2, h / 2, pixels));
    }

    private static DesktopMessage received(DesktopMessage m) {
        try {
            return DesktopMessage.decode(DesktopStream.CURSOR, Role.HOST, m.encode());
        } catch (DesktopProtocolException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nothingIsShownBeforeAShapeAndAVisiblePosition() throws Exception {
        assertTrue(cache.shape().isEmpty());
        assertFalse(cache.shown());
        cache.apply(new CursorPosition(10, 20, true));
        assertFalse(cache.shown(), "a visible position without a shape");
        cache.apply(shape(0, 12, 19, 0xFF000000));
        assertTrue(cache.shown());
    }

    @Test
    void aShapeDefinesItsSlotAndSelectsIt() throws Exception {
        CursorShape arrow = shape(0, 12, 19, 0xFF000000);
        cache.apply(arrow);
        assertSame(arrow, cache.shape().orElseThrow());
        assertEquals(12, cache.shape().orElseThrow().w());
        assertEquals(6, cache.shape().orElseThrow().hotX());
    }

    @Test
    void selectingADefinedSlotShowsItsShapeAgain() throws Exception {
        CursorShape arrow = shape(0, 12, 19, 0xFF000000);
        CursorShape beam = shape(7, 3, 16, 0xFFFFFFFF);
        cache.apply(arrow);
        cache.apply(beam);
        assertSame(beam, cache.shape().orElseThrow());
        cache.apply(received(new CursorSelect(0)));
        assertSame(arrow, cache.shape().orElseThrow());
        cache.apply(received(new CursorSelect(7)));
        assertSame(beam, cache.shape().orElseThrow());
    }

    @Test
    void selectingASlotNoShapeDefinedIsBadState() throws Exception {
        cache.apply(shape(1, 4, 4, 0xFF000000));
        DesktopProtocolException e = assertThrows(DesktopProtocolException.class, () -> cache.apply(new CursorSelect(2)));
        assertEquals(Reason.BAD_STATE, e.reason());
        assertEquals(Reason.BAD_STATE,
                assertThrows(DesktopProtocolException.class, () -> new CursorCache().apply(new CursorSelect(0))).reason());
    }

    @Test
    void aShapeReplacingTheSelectedSlotChangesWhatIsShown() throws Exception {
        cache.apply(shape(3, 8, 8, 0xFF0000FF));
        cache.apply(new CursorPosition(5, 5, true));
        CursorShape wait = shape(3, 16, 16, 0xFFFF0000);
        cache.apply(wait);
        assertSame(wait, cache.shape().orElseThrow());
        assertEquals(16, cache.shape().orElseThrow().w());
        cache.apply(shape(4, 2, 2, 0));
        cache.apply(new CursorSelect(3));
        assertArrayEquals(wait.argb(), cache.shape().orElseThrow().argb(), "the slot holds the replacement, not the first shape");
        assertTrue(cache.shown());
    }

    @Test
    void allThirtyTwoSlotsHoldTheirOwnShape() throws Exception {
        for (int slot = 0; slot < DesktopMessage.CURSOR_SLOTS; slot++) {
            cache.apply(shape(slot, 1 + slot, 1 + slot, slot));
        }
        for (int slot = DesktopMessage.CURSOR_SLOTS - 1; slot >= 0; slot--) {
            cache.apply(new CursorSelect(slot));
            assertEquals(1 + slot, cache.shape().orElseThrow().w());
            assertEquals(slot, cache.shape().orElseThrow().argb()[0]);
        }
    }

    @Test
    void aPositionMovesAndHidesTheCursor() throws Exception {
        cache.apply(shape(0, 12, 19, 0xFF000000));
        cache.apply(new CursorPosition(100, 200, true));
        assertEquals(100, cache.x());
        assertEquals(200, cache.y());
        assertTrue(cache.shown());
        cache.apply(new CursorPosition(101, 202, false));
        assertEquals(101, cache.x());
        assertEquals(202, cache.y());
        assertFalse(cache.visible());
        assertFalse(cache.shown());
        assertTrue(cache.shape().isPresent(), "hiding keeps the shape for the next visible position");
    }

    /** The layout (SCREEN) and the position (CURSOR) race honestly: a position past the desktop is clamped, not refused. */
    @Test
    void aPositionOutsideTheLayoutIsClampedToItsEdge() throws Exception {
        cache.layout(1920, 1080);
        cache.apply(new CursorPosition(2500, 1079, true));
        assertEquals(1919, cache.x());
        assertEquals(1079, cache.y());
        cache.apply(new CursorPosition(10, 16_383, true));
        assertEquals(10, cache.x());
        assertEquals(1079, cache.y());
    }

    @Test
    void theClampFollowsTheLatestLayoutWhicheverArrivedFirst() throws Exception {
        cache.apply(new CursorPosition(3000, 1500, true));
        assertEquals(3000, cache.x(), "before any layout the position shows as sent");
        cache.layout(1280, 720);
        assertEquals(1279, cache.x());
        assertEquals(719, cache.y());
        cache.layout(3840, 2160);
        assertEquals(3000, cache.x());
        assertEquals(1500, cache.y());
    }

    @Test
    void aMessageThatIsNotTheCursorsIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> cache.apply(new ChatLine("hi")));
    }
}
