package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Anyone holding a Host may ask for help under a service's name, so asks are bounded per
 * source address: the test server allows 25 waiting at once and 300 a minute from one address
 * (production: 100 and 60). A refused ask says why and when to come back; other addresses are
 * not affected.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AskLimitsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void oneAddressMayHaveOnlySoManyRequestsWaiting() {
        String service = HelpDesk.service(List.of(HelpDesk.account("tess", "technician")));
        String source = "198.51.100." + (1 + System.nanoTime() % 250);
        List<Long> waiting = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Reply r = HelpDesk.askForService(service, "user " + i, source);
            assertEquals(200, r.status(), r.toString());
            waiting.add(r.json().getJsonNumber("id").longValue());
        }
        Reply full = HelpDesk.askForService(service, "user 25", source);
        assertEquals(429, full.status(), full.toString());
        assertEquals("60", full.header("Retry-After"));
        assertTrue(full.json().getString("detail").startsWith("25 help requests from this address are waiting already"), full.body());
        assertEquals(200, HelpDesk.askForService(service, "someone else", "203.0.113.200").status(), "another address");

        // One gone from the queue makes room for the next.
        assertEquals(204, HelpDesk.host(waiting.get(0), "end?reason=abandoned").status());
        assertEquals(200, HelpDesk.askForService(service, "user 25", source).status());
        long queued = HelpDesk.as(HelpDesk.account("sam", "supervisor")).get("/api/queue").array().stream()
                .filter(v -> service.equals(v.asJsonObject().getString("service", null))).count();
        assertEquals(26, queued, "25 from the one address and one from the other; the refused ask left nothing behind");
    }

    @Test
    void oneAddressMayAskOnlySoOftenAMinute() {
        String service = HelpDesk.service(List.of(HelpDesk.account("tom", "technician")));
        String source = "198.51.101." + (1 + System.nanoTime() % 250);
        long started = System.nanoTime();
        int asked = 0;
        Reply refused = null;
        while (refused == null && asked < 1000) {
            Reply r = HelpDesk.askForService(service, "user " + asked, source);
            if (r.status() == 200) {
                asked++;
                assertEquals(204, HelpDesk.host(r.json().getJsonNumber("id").longValue(), "end?reason=abandoned").status());
            } else {
                refused = r;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // A minute's worth at once, then one more every 200 ms while the loop ran.
        assertTrue(asked >= 300 && asked <= 300 + (int) (seconds * 5) + 1, asked + " asks in " + seconds + " s");
        assertEquals(429, refused.status(), refused.toString());
        assertEquals("1", refused.header("Retry-After"));
        assertTrue(refused.json().getString("detail").equals("too many help requests from this address; try again in 1 s"),
                refused.body());
        assertEquals(200, HelpDesk.askForService(service, "someone else", "203.0.113.201").status(), "another address");
    }
}
