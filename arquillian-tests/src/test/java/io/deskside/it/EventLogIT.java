package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventLogIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void anEntryChangedBehindTheApplicationsBackIsFound() {
        String login = HelpDesk.account("bob", "technician");
        HelpDesk.as(login).post("/api/tickets", null);
        JsonObject intact = HelpDesk.admin().get("/api/events/verify").json();
        assertTrue(intact.getBoolean("intact"), intact.toString());

        JsonObject victim = HelpDesk.admin().get("/api/events?type=ticket_issued&size=1000").array().stream()
                .map(v -> v.asJsonObject()).filter(e -> e.getString("actor").equals(login)).findFirst().orElseThrow();
        long seq = victim.getJsonNumber("seq").longValue();
        String fixture = Deployments.FIXTURE_CONTEXT + "/db";
        String original = Api.anonymous().get(fixture + "/event-detail?seq=" + seq).body();
        try {
            assertEquals("1", Api.anonymous().post(fixture + "/tamper-event?seq=" + seq + "&detail=nothing%20happened", null).body());
            JsonObject broken = HelpDesk.admin().get("/api/events/verify").json();
            assertFalse(broken.getBoolean("intact"));
            assertEquals(seq, broken.getJsonNumber("brokenAt").longValue());
            assertTrue(broken.getString("reason").contains("changed"), broken.toString());
        } finally {
            Api.anonymous().post(fixture + "/tamper-event?seq=" + seq + "&detail="
                    + java.net.URLEncoder.encode(original, java.nio.charset.StandardCharsets.UTF_8), null);
        }
        assertTrue(HelpDesk.admin().get("/api/events/verify").json().getBoolean("intact"), "restored, intact again");
    }

    @Test
    void everyEntryLinksToTheOneBeforeIt() {
        var events = HelpDesk.admin().get("/api/events?size=1000").array();
        assertTrue(events.size() > 2);
        for (int i = 1; i < events.size(); i++) {
            assertEquals(events.getJsonObject(i - 1).getJsonNumber("seq").longValue() + 1,
                    events.getJsonObject(i).getJsonNumber("seq").longValue(), "no gaps");
        }
        assertEquals("server_started", events.getJsonObject(0).getString("type"));
    }
}
