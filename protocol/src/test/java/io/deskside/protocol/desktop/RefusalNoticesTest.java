package io.deskside.protocol.desktop;

import static io.deskside.protocol.wire.Message.Permission.CHAT;
import static io.deskside.protocol.wire.Message.Permission.CONTROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage.PermissionRefused;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefusalNoticesTest {

    private static final long MS = 1_000_000L;

    private long now = 5_000 * MS;
    private final RefusalNotices notices = new RefusalNotices(() -> now);

    private Optional<Long> drop(DesktopType type) {
        return notices.dropped(type, type == DesktopType.CHAT_LINE ? CHAT : CONTROL).map(PermissionRefused::dropped);
    }

    @Test
    void theFirstDropIsReportedAtOnce() {
        Optional<PermissionRefused> n = notices.dropped(DesktopType.KEY, CONTROL);
        assertTrue(n.isPresent());
        assertEquals(DesktopType.KEY, n.get().refusedType());
        assertEquals(CONTROL, n.get().permission());
        assertEquals(1, n.get().dropped());
    }

    @Test
    void dropsWithinASecondAreCountedNotReported() {
        drop(DesktopType.POINTER);
        for (int i = 1; i <= 50; i++) {
            now += 19 * MS;
            assertEquals(Optional.empty(), drop(DesktopType.POINTER));
        }
        assertEquals(List.of(), notices.due(), "not yet a second since the notice");
    }

    @Test
    void theNextDropAfterASecondCarriesTheCoalescedCount() {
        drop(DesktopType.POINTER);
        now += 100 * MS;
        drop(DesktopType.POINTER);
        drop(DesktopType.POINTER);
        now += 900 * MS;
        assertEquals(Optional.of(3L), drop(DesktopType.POINTER), "two counted plus this one");
        now += 999 * MS;
        assertEquals(Optional.empty(), drop(DesktopType.POINTER), "a new second started with that notice");
    }

    /** A burst that stops is still reported: the Host asks for what is due on a timer. */
    @Test
    void countedDropsAreDueOnceTheirSecondHasPassed() {
        drop(DesktopType.KEY);
        now += 10 * MS;
        drop(DesktopType.KEY);
        drop(DesktopType.KEY);
        now += 989 * MS;
        assertEquals(List.of(), notices.due());
        now += 1 * MS;
        List<PermissionRefused> due = notices.due();
        assertEquals(1, due.size());
        assertEquals(DesktopType.KEY, due.get(0).refusedType());
        assertEquals(2, due.get(0).dropped());
        assertEquals(List.of(), notices.due(), "reported once");
        now += 500 * MS;
        assertEquals(Optional.empty(), drop(DesktopType.KEY), "the due notice started a new second");
    }

    @Test
    void eachTypeHasASecondOfItsOwn() {
        assertEquals(Optional.of(1L), drop(DesktopType.POINTER));
        assertEquals(Optional.of(1L), drop(DesktopType.KEY));
        now += 300 * MS;
        assertEquals(Optional.of(1L), drop(DesktopType.CHAT_LINE));
        assertEquals(Optional.empty(), drop(DesktopType.POINTER));
        now += 700 * MS;
        assertEquals(Optional.of(2L), drop(DesktopType.POINTER));
        assertEquals(Optional.of(1L), drop(DesktopType.KEY), "no key was dropped in between");
        assertEquals(Optional.empty(), drop(DesktopType.CHAT_LINE), "the chat line's second is not over");
    }

    /** After a quiet second the next drop is news again: reported at once, counting only itself. */
    @Test
    void noticesResumeAtOnceAfterAQuietSecond() {
        drop(DesktopType.TEXT_INPUT);
        now += 5_000 * MS;
        assertEquals(List.of(), notices.due());
        assertEquals(Optional.of(1L), drop(DesktopType.TEXT_INPUT));
    }

    /** The clock is monotonic nanoseconds, which may be negative: only differences count. */
    @Test
    void aNegativeClockWorksAsWellAsAnyOther() {
        now = Long.MIN_VALUE + 10;
        assertEquals(Optional.of(1L), drop(DesktopType.KEY));
        now += 999 * MS;
        assertEquals(Optional.empty(), drop(DesktopType.KEY));
        now += 1 * MS;
        assertEquals(Optional.of(2L), drop(DesktopType.KEY));
    }
}
