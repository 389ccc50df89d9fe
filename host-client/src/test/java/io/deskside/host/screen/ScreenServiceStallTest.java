package io.deskside.host.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.screen.Capture;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A link that stalls does not stop the screen: a part that found no room in time waits until it
 * goes (a transport being replaced within the grace period looks like this), and the screen stops
 * only when the session is over.
 */
class ScreenServiceStallTest {

    private static final Capture GREY = grey(64, 48);

    /** A link that refuses the first {@code stalls} sends as if each had waited its time out, then takes everything. */
    private static final class StallingLink implements ScreenService.Sender {
        final AtomicInteger stalls;
        final AtomicBoolean over = new AtomicBoolean();
        final BlockingQueue<DesktopMessage> sent = new LinkedBlockingQueue<>();

        StallingLink(int stalls) {
            this.stalls = new AtomicInteger(stalls);
        }

        @Override
        public boolean send(DesktopMessage message, Duration wait) {
            if (over.get() || stalls.getAndDecrement() > 0) {
                return false;
            }
            sent.add(message);
            return true;
        }

        @Override
        public boolean isOver() {
            return over.get();
        }
    }

    @Test
    void aPartThatTimedOutIsSentOnceTheLinkMovesAgain() throws Exception {
        StallingLink link = new StallingLink(3);
        try (ScreenService screen = new ScreenService(() -> GREY, link)) {
            screen.start();
            screen.request(new UpdateRequest(1, 0, false, 1, 0, 0, 64, 48));
            DesktopMessage first = link.sent.poll(10, TimeUnit.SECONDS);
            assertNotNull(first, "the update went out after the stall");
            DesktopMessage last = first;
            for (DesktopMessage m = first; m != null; m = link.sent.poll(1, TimeUnit.SECONDS)) {
                last = m;
            }
            assertTrue(last instanceof DesktopMessage.ScreenUpdate u && u.finalPart() && u.requestId() == 1,
                    "the whole answer went out, its final part last: " + last);
            screen.request(new UpdateRequest(2, ((DesktopMessage.Layout) first).generation(), false, 1, 0, 0, 64, 48));
            assertNotNull(link.sent.poll(10, TimeUnit.SECONDS), "the screen still answers after the stall");
        }
    }

    @Test
    void theScreenStopsWhenTheSessionIsOver() throws Exception {
        StallingLink link = new StallingLink(0);
        link.over.set(true);
        AtomicInteger captures = new AtomicInteger();
        try (ScreenService screen = new ScreenService(() -> {
            captures.incrementAndGet();
            return GREY;
        }, link)) {
            screen.start();
            screen.request(new UpdateRequest(1, 0, false, 1, 0, 0, 64, 48));
            Thread.sleep(300);
            screen.request(new UpdateRequest(2, 0, false, 1, 0, 0, 64, 48));
            Thread.sleep(300);
            assertNull(link.sent.poll());
            assertEquals(1, captures.get(), "after the session ended nothing more is captured");
        }
    }

    private static Capture grey(int w, int h) {
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, 0xFF808080);
        return new Capture(w, h, px);
    }
}
