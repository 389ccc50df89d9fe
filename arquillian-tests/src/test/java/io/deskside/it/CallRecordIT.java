package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallRecordIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aSessionBillsFromConfirmationToEndAndListsItsEvents() throws InterruptedException {
        String bob = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(bob));
        Api billing = HelpDesk.as(HelpDesk.account("bill", "billing"));
        long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
        assertEquals(200, HelpDesk.as(bob).post("/api/queue/" + id + "/claim", null).status());
        Thread.sleep(300); // time on hold before the end user confirms is not billed
        assertEquals(204, HelpDesk.host(id, "confirming").status());
        assertEquals(204, HelpDesk.host(id, "confirmed").status());
        assertEquals(204, HelpDesk.host(id, "traffic?toHost=1200&toGuest=250000").status());
        Thread.sleep(1300);
        assertEquals(204, HelpDesk.host(id, "end?reason=guest_ended").status());

        JsonObject c = billing.get("/api/call-records/" + id).json();
        assertEquals(service, c.getString("service"));
        assertEquals(bob, c.getString("technician"));
        assertEquals("ann@pc-17", c.getString("customerName"));
        assertEquals("ended", c.getString("outcome"));
        assertEquals("guest_ended", c.getString("endReason"));
        assertEquals(1200, c.getInt("bytesToHost"));
        assertEquals(250000, c.getInt("bytesToGuest"));
        Instant asked = Instant.parse(c.getString("askedAt"));
        Instant claimed = Instant.parse(c.getString("claimedAt"));
        Instant confirmed = Instant.parse(c.getString("confirmedAt"));
        Instant ended = Instant.parse(c.getString("endedAt"));
        assertTrue(!asked.isAfter(claimed) && claimed.isBefore(confirmed) && confirmed.isBefore(ended));
        Duration billed = Duration.between(confirmed, ended);
        long expected = billed.getSeconds() + (billed.getNano() > 0 ? 1 : 0);
        assertEquals(expected, c.getJsonNumber("billableSeconds").longValue());
        assertEquals(2, expected, "1.3 s of session bills 2 s; the 0.3 s on hold bills nothing");

        List<String> types = billing.get("/api/call-records/" + id + "/events").array().stream()
                .map(v -> v.asJsonObject().getString("type")).toList();
        assertEquals(List.of("request_asked", "request_claimed", "request_confirming", "request_connected", "request_ended"), types);
    }

    @Test
    void aDeniedRequestBillsNothing() {
        String bob = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(bob));
        long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
        HelpDesk.as(bob).post("/api/queue/" + id + "/claim", null);
        assertEquals(204, HelpDesk.host(id, "denied").status());
        JsonObject c = HelpDesk.admin().get("/api/call-records/" + id).json();
        assertEquals("denied", c.getString("outcome"));
        assertEquals(0, c.getInt("billableSeconds"));
        assertEquals(409, HelpDesk.host(id, "confirmed").status(), "a denied request cannot be confirmed afterwards");
    }

    @Test
    void recordsFilterByServiceTechnicianAndTimeAndPage() {
        String bob = HelpDesk.account("bob", "technician");
        String carol = HelpDesk.account("carol", "technician");
        String service = HelpDesk.service(List.of(bob, carol));
        Instant start = Instant.now().minusSeconds(1);
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = HelpDesk.askForService(service, "customer-" + i).json().getJsonNumber("id").longValue();
        }
        HelpDesk.as(bob).post("/api/queue/" + ids[0] + "/claim", null);
        HelpDesk.as(carol).post("/api/queue/" + ids[1] + "/claim", null);
        Api billing = HelpDesk.as(HelpDesk.account("bill", "billing"));

        JsonObject all = billing.get("/api/call-records?service=" + service).json();
        assertEquals(3, all.getInt("total"));
        JsonObject first = billing.get("/api/call-records?service=" + service + "&size=2&page=0").json();
        JsonObject second = billing.get("/api/call-records?service=" + service + "&size=2&page=1").json();
        assertEquals(2, first.getJsonArray("items").size());
        assertEquals(1, second.getJsonArray("items").size());
        assertEquals(ids[2], second.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue(), "oldest first");

        JsonObject bobs = billing.get("/api/call-records?service=" + service + "&technician=" + bob).json();
        assertEquals(1, bobs.getInt("total"));
        assertEquals(ids[0], bobs.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals(0, billing.get("/api/call-records?service=" + service + "&to=" + start).json().getInt("total"));
        assertEquals(3, billing.get("/api/call-records?service=" + service + "&from=" + start).json().getInt("total"));
        assertEquals(3, billing.get("/api/call-records?service=" + service + "&closed=false").json().getInt("total"));
    }

    @Test
    void csvExportHasAHeaderAndOneSafeRowPerRecord() {
        String bob = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(bob));
        HelpDesk.askForService(service, "=HYPERLINK(\"http://evil\",\"click\")");
        HelpDesk.askForService(service, "Smith, Ann");
        Reply csv = HelpDesk.as(HelpDesk.account("bill", "billing")).get("/api/call-records?service=" + service, "text/csv");
        assertEquals(200, csv.status(), csv.toString());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        List<String> lines = Arrays.asList(csv.body().split("\r\n"));
        assertEquals(3, lines.size(), csv.body());
        assertTrue(lines.get(0).startsWith("id,service,ticket,technician,"));
        assertEquals(16, lines.get(0).split(",").length);
        assertTrue(lines.get(1).contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\","),
                "a formula from an end user is defused and quoted: " + lines.get(1));
        assertTrue(lines.get(2).contains(",\"Smith, Ann\","), lines.get(2));
        assertFalse(csv.body().contains("\n=HYPERLINK"));
    }

    @Test
    void aRequestNobodyTakesEndsAbandonedWhenTheEndUserLeaves() {
        String bob = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(bob));
        long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
        assertEquals(204, HelpDesk.host(id, "end?reason=abandoned").status());
        assertFalse(QueueClaimIT.waiting(HelpDesk.as(bob)).contains(id));
        JsonObject c = HelpDesk.admin().get("/api/call-records/" + id).json();
        assertEquals("abandoned", c.getString("outcome"));
        assertEquals(0, c.getInt("billableSeconds"));
    }
}
