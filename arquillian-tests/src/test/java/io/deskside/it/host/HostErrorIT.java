package io.deskside.it.host;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real Host given a well-formed ticket that was never issued: the gateway answers
 * unknown_ticket, and the window says "That ticket number is not valid" and stays open (a failure,
 * unlike an ordinary end, does not close by itself). The label cannot be read from outside; the
 * test reads what it can: the gateway logged the rejected ticket, the window went back to the
 * plain title and a new size (the ended card), and it is still there after an ordinary end would
 * have closed it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostErrorIT {

    static final Duration WAIT = HostTicketSessionIT.WAIT;
    /** A six-digit routing group: issued tickets start at three digits, so no live ticket has it (as in GuessingIT). */
    static final String NEVER_ISSUED = "987654-321-987";
    /** Longer than an ordinary end stays on screen (HostDialog closes it after 4 s). */
    static final Duration STAYS_OPEN = Duration.ofSeconds(6);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aTicketTheGatewayDoesNotKnowLeavesTheWindowOpenSayingSo() throws Exception {
        Xvfb display = Xvfb.display();
        try (TestDesktop desktop = TestDesktop.start(display);
                HostProcess host = HostProcess.start(display, HostTicketSessionIT.hostConfig(), "unknown-ticket")) {
            HostProcess.Window asking = host.awaitWindow(HostTicketSessionIT.TITLE);
            host.awaitFocus(asking);
            Instant typed = Instant.now().minus(1, ChronoUnit.SECONDS);
            desktop.type(NEVER_ISSUED);
            desktop.key("Enter");

            assertTrue(rejectedSince(typed), "the gateway logged the Host's ticket as unknown within " + WAIT);
            HostProcess.Window failed = awaitSettled(host, asking);
            assertNotEquals(HostTicketSessionIT.WAITING, failed.title());
            Screenshots.take(host, failed, "error-ticket");

            Thread.sleep(STAYS_OPEN.toMillis());
            assertTrue(host.isAlive(), "the Host stays up after a refused ticket: " + host.stderr());
            assertTrue(host.showing(HostTicketSessionIT.TITLE), "the window stays open saying why, titled \"" + HostTicketSessionIT.TITLE
                    + "\"; the windows are " + host.windows());
        }
    }

    /** Whether a ticket_rejected event appears in the log since {@code since}, within {@link #WAIT}. */
    private static boolean rejectedSince(Instant since) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        do {
            if (!HelpDesk.admin().get("/api/events?type=ticket_rejected&size=1000&from=" + since).array().isEmpty()) {
                return true;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return false;
    }

    /**
     * The Host's window titled plainly again, at a size other than the one it asked with (the ended
     * card replaced the ticket field), and the same size for half a second (no "Connecting…" left).
     */
    private static HostProcess.Window awaitSettled(HostProcess host, HostProcess.Window asking) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HostProcess.Window last = null;
        int same = 0;
        do {
            HostProcess.Window now = host.find(HostTicketSessionIT.TITLE).orElse(null);
            boolean resized = now != null && now.id().equals(asking.id())
                    && (now.width() != asking.width() || now.height() != asking.height());
            same = resized && now.equals(last) ? same + 1 : 0;
            if (same >= 5) {
                return now;
            }
            last = resized ? now : null;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the Host's window did not settle at a new size titled \"" + HostTicketSessionIT.TITLE + "\" within " + WAIT
                + "; the windows are " + host.windows());
    }
}
