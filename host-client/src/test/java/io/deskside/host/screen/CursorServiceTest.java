package io.deskside.host.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.CursorPosition;
import io.deskside.protocol.desktop.DesktopMessage.CursorShape;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CursorServiceTest {

    /** A pointer the test moves; it counts how often it was asked. */
    private static final class FakePointer implements PointerSource {
        volatile At at;
        final AtomicInteger polls = new AtomicInteger();

        @Override
        public At where() {
            polls.incrementAndGet();
            return at;
        }
    }

    private final FakePointer pointer = new FakePointer();
    private final BlockingQueue<DesktopMessage> sent = new LinkedBlockingQueue<>();
    private CursorService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private DesktopMessage next() throws InterruptedException {
        return sent.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void theArrowGoesOnceThenThePositionOnlyWhenItChanged() throws Exception {
        pointer.at = new PointerSource.At(10, 20);
        service = new CursorService(pointer, sent::add);
        service.start();
        CursorShape shape = assertInstanceOf(CursorShape.class, next());
        assertEquals(0, shape.slot());
        assertEquals(new CursorPosition(10, 20, true), next());
        int polled = pointer.polls.get();
        while (pointer.polls.get() < polled + 3) {
            Thread.sleep(10);
        }
        assertNull(sent.poll(), "a pointer that stood still sent nothing");
        pointer.at = new PointerSource.At(11, 20);
        assertEquals(new CursorPosition(11, 20, true), next());
        pointer.at = null;
        assertEquals(new CursorPosition(11, 20, false), next(), "off the shared screen: hidden where it was");
        pointer.at = new PointerSource.At(3, 4);
        assertEquals(new CursorPosition(3, 4, true), next());
        Thread.sleep(100);
        assertTrue(sent.stream().noneMatch(CursorShape.class::isInstance), "the shape went once");
    }

    @Test
    void thePointerIsPolledAtMost25TimesASecond() throws Exception {
        AtomicInteger moved = new AtomicInteger();
        PointerSource restless = () -> new PointerSource.At(moved.incrementAndGet() % 1000, 0);
        List<DesktopMessage> out = new CopyOnWriteArrayList<>();
        service = new CursorService(restless, out::add);
        service.start();
        Thread.sleep(1000);
        service.close();
        long positions = out.stream().filter(CursorPosition.class::isInstance).count();
        assertTrue(positions >= 10 && positions <= CursorService.POLLS_PER_SECOND + 1, "positions in a second: " + positions);
    }

    @Test
    void aPositionTheQueueHadNoRoomForIsSentAtTheNextPoll() throws Exception {
        AtomicInteger refusals = new AtomicInteger(2);
        pointer.at = new PointerSource.At(5, 5);
        service = new CursorService(pointer, m -> {
            if (m instanceof CursorPosition && refusals.getAndDecrement() > 0) {
                return false; // the stream's queue is full
            }
            return sent.add(m);
        });
        service.start();
        assertInstanceOf(CursorShape.class, next());
        assertEquals(new CursorPosition(5, 5, true), next());
        assertTrue(refusals.get() < 0);
    }

    @Test
    void nothingIsReadOrSentAfterClose() throws Exception {
        pointer.at = new PointerSource.At(1, 1);
        service = new CursorService(pointer, sent::add);
        service.start();
        assertInstanceOf(CursorShape.class, next());
        service.close();
        Thread.sleep(100);
        int polled = pointer.polls.get();
        sent.clear();
        pointer.at = new PointerSource.At(2, 2);
        Thread.sleep(200);
        assertEquals(polled, pointer.polls.get());
        assertNull(sent.poll());
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("deskside-cursor") && t.isAlive()));
    }

    @Test
    void nothingIsReadBeforeStart() throws Exception {
        service = new CursorService(pointer, sent::add);
        Thread.sleep(100);
        assertEquals(0, pointer.polls.get());
        assertNull(sent.poll());
    }

    @Test
    void theArrowIsBlackOutlinedWhiteWithItsTipTheHotSpot() {
        CursorShape arrow = CursorService.arrow(1);
        assertEquals(12, arrow.w());
        assertEquals(19, arrow.h());
        assertEquals(0, arrow.hotX());
        assertEquals(0, arrow.hotY());
        assertEquals(0xFF000000, arrow.argb()[0], "the tip");
        assertEquals(0, arrow.argb()[1], "clear beside it");
        assertEquals(0xFFFFFFFF, arrow.argb()[5 * 12 + 2], "filled white inside");
        CursorShape doubled = CursorService.arrow(2);
        assertEquals(24, doubled.w());
        assertEquals(38, doubled.h());
        assertEquals(0xFFFFFFFF, doubled.argb()[11 * 24 + 5], "each pixel twice as large");
        assertEquals(114, CursorService.arrow(100).h(), "never past the largest cursor side");
        assertTrue(CursorService.arrow(100).h() <= DesktopMessage.MAX_CURSOR_SIDE);
    }
}
