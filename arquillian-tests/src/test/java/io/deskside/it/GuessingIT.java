package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Guessing ticket routing groups is bounded per source address. The test server allows three
 * free wrong guesses, then 1 s, 2 s, 4 s between guesses, and locks out at the sixth.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GuessingIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void wrongTicketsFromOneAddressGetSlowerThenLockedOutAndLogged() throws InterruptedException {
        String guesser = "203.0.113." + (System.nanoTime() % 200 + 1);
        String unused = unusedRouting();
        for (int i = 0; i < 3; i++) {
            assertEquals(404, HelpDesk.askWithTicket(unused, "eve", guesser).status(), "free guess " + i);
        }
        assertWait(HelpDesk.askWithTicket(unused, "eve", guesser), 1);
        Thread.sleep(1100);
        assertEquals(404, HelpDesk.askWithTicket(unused, "eve", guesser).status());
        assertWait(HelpDesk.askWithTicket(unused, "eve", guesser), 2);
        Thread.sleep(2100);
        assertEquals(404, HelpDesk.askWithTicket(unused, "eve", guesser).status());
        Thread.sleep(4100);
        assertEquals(404, HelpDesk.askWithTicket(unused, "eve", guesser).status(), "the sixth wrong guess locks out");

        // Locked out: even a valid ticket is refused from that address, but not from another.
        String routing = HelpDesk.as(HelpDesk.account("bob", "technician")).post("/api/tickets", null).json().getString("routing");
        Reply locked = HelpDesk.askWithTicket(routing, "eve", guesser);
        assertEquals(429, locked.status());
        assertTrue(locked.json().getString("detail").contains("locked out"), locked.body());
        assertTrue(Long.parseLong(locked.header("Retry-After")) > 60);
        assertEquals(200, HelpDesk.askWithTicket(routing, "ann@pc-17", "198.51.100.77").status());

        boolean logged = HelpDesk.admin().get("/api/events?type=source_locked_out&size=1000").array().stream()
                .anyMatch(v -> guesser.equals(v.asJsonObject().getString("sourceAddress", null)));
        assertTrue(logged, "the lock-out is in the event log");
        long rejected = HelpDesk.admin().get("/api/events?type=ticket_rejected&size=1000").array().stream()
                .filter(v -> guesser.equals(v.asJsonObject().getString("sourceAddress", null))).count();
        assertEquals(6, rejected, "every wrong guess is logged, the refused-early ones are not counted as guesses");
    }

    private static void assertWait(Reply r, int seconds) {
        assertEquals(429, r.status(), r.toString());
        assertEquals(Integer.toString(seconds), r.header("Retry-After"));
    }

    /** A routing group no live ticket has: six digits, while the test desk has few live tickets. */
    private static String unusedRouting() {
        return "9" + String.format("%05d", System.nanoTime() % 100000);
    }
}
