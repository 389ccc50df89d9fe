package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TicketIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aTechnicianGetsATicketCodeReadableOverThePhoneThatExpiresInTenMinutes() {
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        Instant before = Instant.now();
        Reply r = bob.post("/api/tickets", "{\"secret\":\"server\"}");
        assertEquals(201, r.status(), r.toString());
        JsonObject t = r.json();
        assertTrue(t.getString("code").matches("\\d{3}-\\d{3}-\\d{3}"), t.toString());
        assertEquals(t.getString("routing"), t.getString("code").substring(0, 3));
        Duration validFor = Duration.between(before, Instant.parse(t.getString("expiresAt")));
        assertTrue(validFor.compareTo(Duration.ofMinutes(9)) > 0 && validFor.compareTo(Duration.ofMinutes(11)) < 0, validFor.toString());
        assertTrue(r.header("Location").endsWith("/api/tickets/" + t.getInt("id")), r.header("Location"));
        assertEquals("no-store", r.header("Cache-Control"));
        // The code is shown once: reading the ticket back never shows it again.
        Reply again = bob.get("/api/tickets/" + t.getInt("id"));
        assertEquals(200, again.status());
        assertFalse(again.json().containsKey("code"), again.body());
    }

    @Test
    void byDefaultTheGuestMakesTheSecretAndGetsOnlyTheRoutingGroup() {
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        for (String body : new String[] {null, "{}", "{\"secret\":\"client\"}"}) {
            Reply r = bob.post("/api/tickets", body);
            assertEquals(201, r.status(), r.toString());
            assertFalse(r.json().containsKey("code"), "the secret never passes through the gateway: " + r.body());
            assertTrue(r.json().getString("routing").matches("\\d{3,6}"));
        }
    }

    /**
     * A routing group is three digits, quickly guessed: it must not take the ticket from the end
     * user it was read to. Whoever names it first, every Host that names it waits with the ticket
     * in the issuer's private queue, with its name and address, and the ticket stays live.
     */
    @Test
    void aRoutingGroupAloneDoesNotTakeTheTicketFromItsOwner() {
        String login = HelpDesk.account("bob", "technician");
        Api bob = HelpDesk.as(login);
        Api carol = HelpDesk.as(HelpDesk.account("carol", "technician"));
        JsonObject ticket = bob.post("/api/tickets", null).json();
        String routing = ticket.getString("routing");

        Reply guesser = HelpDesk.askWithTicket(routing, "eve@elsewhere", "203.0.113.66");
        Reply owner = HelpDesk.askWithTicket(routing, "ann@pc-17", "198.51.100.1");
        assertEquals(200, guesser.status(), guesser.toString());
        assertEquals(200, owner.status(), "the real caller still gets through: " + owner);
        long eve = guesser.json().getJsonNumber("id").longValue();
        long ann = owner.json().getJsonNumber("id").longValue();
        List<JsonObject> queue = bob.get("/api/queue").array().stream().map(v -> v.asJsonObject())
                .filter(e -> routing.equals(e.getString("ticket", null))).toList();
        assertEquals(List.of(eve, ann), queue.stream().map(e -> e.getJsonNumber("id").longValue()).toList(), "both, in the issuer's queue");
        assertEquals("ann@pc-17", queue.get(1).getString("customerName"));
        assertEquals("198.51.100.1", queue.get(1).getString("sourceAddress"), "the technician tells the caller by address too");
        assertEquals("203.0.113.66", queue.get(0).getString("sourceAddress"));
        assertFalse(waiting(carol).contains(ann), "in nobody else's");
        assertEquals("issued", bob.get("/api/tickets/" + ticket.getInt("id")).json().getString("state"), "still live");
    }

    /**
     * The ticket is used up by the one key exchange that succeeds with it (the technician's Guest,
     * having seen the Host prove the six digits, says so); the other requests that waited with it
     * end as ticket_closed, and it takes no more.
     */
    @Test
    void aTicketIsUsedUpOnlyWhenAKeyExchangeWithItSucceeds() throws InterruptedException {
        String login = HelpDesk.account("bob", "technician");
        Api bob = HelpDesk.as(login);
        JsonObject ticket = bob.post("/api/tickets", null).json();
        String routing = ticket.getString("routing");
        long ann = HelpDesk.askWithTicket(routing, "ann@pc-17", "198.51.100.11").json().getJsonNumber("id").longValue();
        long eve = HelpDesk.askWithTicket(routing, "eve@elsewhere", "203.0.113.67").json().getJsonNumber("id").longValue();

        assertEquals(200, bob.post("/api/queue/" + ann + "/claim", null).status());
        assertEquals(204, HelpDesk.host(ann, "confirming").status());
        assertEquals(404, Api.anonymous().post(Deployments.FIXTURE_CONTEXT + "/host/" + ann + "/key-confirmed?technician="
                + HelpDesk.account("carol", "technician"), null).status(), "only the technician who took it may say so");
        assertEquals(409, keyConfirmed(ann, login).status(), "not before the end user allowed access");
        assertEquals("issued", bob.get("/api/tickets/" + ticket.getInt("id")).json().getString("state"));
        assertEquals(204, HelpDesk.host(ann, "confirmed").status());
        assertEquals(204, keyConfirmed(ann, login).status());

        assertEquals("used", bob.get("/api/tickets/" + ticket.getInt("id")).json().getString("state"));
        assertFalse(waiting(bob).contains(eve), "the other request left the queue");
        assertEquals("ticket_closed", HelpDesk.admin().get("/api/call-records/" + eve).json().getString("endReason"));
        assertEquals(404, HelpDesk.askWithTicket(routing, "mallory", "203.0.113.68").status(), "a used ticket takes no more");
        assertEquals(204, keyConfirmed(ann, login).status(), "said again, it changes nothing");
    }

    @Test
    void aTicketTakesAtMostFiveWaitingRequests() {
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        String routing = bob.post("/api/tickets", null).json().getString("routing");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, HelpDesk.askWithTicket(routing, "caller " + i, "198.51.100." + (20 + i)).status());
        }
        Reply again = HelpDesk.askWithTicket(routing, "caller 0 again", "198.51.100.20");
        assertEquals(429, again.status(), "one waiting request from each address: " + again);
        Reply sixth = HelpDesk.askWithTicket(routing, "caller 5", "198.51.100.25");
        assertEquals(429, sixth.status(), sixth.toString());
        assertTrue(sixth.json().getString("detail").contains("new ticket"), sixth.body());
    }

    /**
     * Each key exchange that fails with a ticket is an alert the technician sees, on the ticket and
     * on the requests still waiting with it; the third burns the ticket and ends those requests.
     */
    @Test
    void failedKeyExchangesCountOnTheTicketAndTheThirdBurnsIt() {
        String login = HelpDesk.account("bob", "technician");
        Api bob = HelpDesk.as(login);
        JsonObject ticket = bob.post("/api/tickets", null).json();
        String routing = ticket.getString("routing");
        long[] ids = new long[4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = HelpDesk.askWithTicket(routing, "caller " + i, "203.0.113." + (70 + i)).json().getJsonNumber("id").longValue();
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(200, bob.post("/api/queue/" + ids[i] + "/claim", null).status());
            assertEquals(204, HelpDesk.host(ids[i], "confirmed").status());
            assertEquals(204, HelpDesk.host(ids[i], "key-exchange-failed").status());
            JsonObject t = bob.get("/api/tickets/" + ticket.getInt("id")).json();
            assertEquals(i + 1, t.getInt("failedTries"));
            if (i < 2) {
                assertEquals("issued", t.getString("state"), "a technician who took the wrong caller does not lose the ticket");
                int tries = i + 1;
                assertTrue(bob.get("/api/queue").array().stream().map(v -> v.asJsonObject())
                        .anyMatch(e -> e.getJsonNumber("id").longValue() == ids[3] && e.getInt("ticketFailedTries") == tries),
                        "the requests still waiting show the failed tries");
            } else {
                assertEquals("burned", t.getString("state"));
            }
        }
        assertFalse(waiting(bob).contains(ids[3]), "a burned ticket's waiting requests end");
        assertEquals("ticket_closed", HelpDesk.admin().get("/api/call-records/" + ids[3]).json().getString("endReason"));
        var alerts = HelpDesk.admin().get("/api/events?size=1000").array().stream().map(v -> v.asJsonObject())
                .filter(e -> e.getJsonNumber("ticketId") != null && e.getJsonNumber("ticketId").longValue() == ticket.getInt("id"))
                .filter(e -> List.of("ticket_try_failed", "ticket_burned").contains(e.getString("type"))).toList();
        assertEquals(3, alerts.size(), alerts.toString());
        assertTrue(alerts.stream().allMatch(e -> e.getString("detail").startsWith("ALERT")), alerts.toString());
    }

    private static Reply keyConfirmed(long id, String technician) {
        return Api.anonymous().post(Deployments.FIXTURE_CONTEXT + "/host/" + id + "/key-confirmed?technician=" + technician, null);
    }

    @Test
    void anExpiredTicketIsRefusedAndMarkedExpired() throws InterruptedException {
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        Reply issued = bob.post("/api/tickets", "{\"validForSeconds\":1}");
        assertEquals(201, issued.status(), issued.toString());
        Thread.sleep(1500);
        Reply late = HelpDesk.askWithTicket(issued.json().getString("routing"), "ann@pc-17", "198.51.100.3");
        assertEquals(404, late.status(), late.toString());
        // Housekeeping runs every five seconds and closes it for the record.
        long deadline = System.currentTimeMillis() + 12_000;
        String state;
        do {
            Thread.sleep(250);
            state = bob.get("/api/tickets/" + issued.json().getInt("id")).json().getString("state");
        } while (!state.equals("expired") && System.currentTimeMillis() < deadline);
        assertEquals("expired", state);
    }

    @Test
    void aRevokedTicketIsRefusedAndTheRequestsWaitingWithItEnd() {
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        JsonObject t = bob.post("/api/tickets", null).json();
        long waiting = HelpDesk.askWithTicket(t.getString("routing"), "eve@elsewhere", "203.0.113.69").json()
                .getJsonNumber("id").longValue();
        Reply revoked = bob.delete("/api/tickets/" + t.getInt("id"));
        assertEquals(200, revoked.status(), revoked.toString());
        assertEquals("revoked", revoked.json().getString("state"));
        assertEquals(404, HelpDesk.askWithTicket(t.getString("routing"), "ann@pc-17", "198.51.100.4").status());
        assertEquals(409, bob.delete("/api/tickets/" + t.getInt("id")).status(), "revoking twice is a conflict");
        assertFalse(waiting(bob).contains(waiting), "a technician clears a flooded ticket in one step");
        assertEquals("ticket_closed", HelpDesk.admin().get("/api/call-records/" + waiting).json().getString("endReason"));
    }

    @Test
    void ticketLifetimesOutsideTheAllowedRangeAreRefused() {
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        Reply r = bob.post("/api/tickets", "{\"validForSeconds\":999999999}");
        assertEquals(400, r.status());
        assertTrue(r.json().getString("detail").contains("validForSeconds"), r.body());
        assertEquals(400, bob.post("/api/tickets", "{\"secret\":\"maybe\"}").status());
    }

    @Test
    void theDatabaseHoldsNothingDerivedFromTheSecretDigits() throws Exception {
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        JsonObject t = bob.post("/api/tickets", "{\"secret\":\"server\"}").json();
        String code = t.getString("code");
        String secret = code.substring(4).replace("-", "");
        // Use it too: a used ticket must not have left anything behind either.
        assertEquals(200, HelpDesk.askWithTicket(t.getString("routing"), "ann@pc-17", "198.51.100.5").status());

        String dump = Api.anonymous().get(Deployments.FIXTURE_CONTEXT + "/db/dump").body();
        assertTrue(dump.contains("CREATE") && dump.contains("TICKET"), "the dump is the real database");
        for (String form : forms(secret, code)) {
            assertFalse(dump.contains(form), "the database holds a form of the ticket secret: " + form);
        }
    }

    /** The secret as digits and grouped, and its common hashes in hex and Base64. */
    private static List<String> forms(String secret, String code) throws Exception {
        var forms = new java.util.ArrayList<String>(List.of(secret, code, code.substring(4), secret.substring(0, 3) + " " + secret.substring(3)));
        for (String alg : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
            for (String input : List.of(secret, code, code.replace("-", ""))) {
                byte[] h = MessageDigest.getInstance(alg).digest(input.getBytes(StandardCharsets.UTF_8));
                forms.add(HexFormat.of().formatHex(h));
                forms.add(HexFormat.of().withUpperCase().formatHex(h));
                forms.add(Base64.getEncoder().encodeToString(h));
                forms.add(Base64.getEncoder().withoutPadding().encodeToString(h));
            }
        }
        return forms;
    }

    private static List<Long> waiting(Api technician) {
        Reply r = technician.get("/api/queue");
        assertEquals(200, r.status(), r.toString());
        return r.array().stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList();
    }

    @Test
    void anIssuedTicketIsNamedInTheEventLog() {
        String login = HelpDesk.account("bob", "technician");
        JsonObject t = HelpDesk.as(login).post("/api/tickets", "{\"secret\":\"server\"}").json();
        Reply events = HelpDesk.admin().get("/api/events?type=ticket_issued&size=1000");
        assertEquals(200, events.status(), events.toString());
        var mine = events.array().stream().map(v -> v.asJsonObject())
                .filter(e -> e.getString("actor").equals(login)).toList();
        assertEquals(1, mine.size());
        assertNotNull(mine.get(0).getString("hash"));
        assertFalse(mine.get(0).toString().contains(t.getString("code").substring(4)), "no secret in the log");
    }
}
