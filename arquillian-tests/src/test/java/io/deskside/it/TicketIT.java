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

    @Test
    void aTicketWorksExactlyOnceAndGoesToTheIssuersPrivateQueue() {
        String login = HelpDesk.account("bob", "technician");
        Api bob = HelpDesk.as(login);
        Api carol = HelpDesk.as(HelpDesk.account("carol", "technician"));
        String routing = bob.post("/api/tickets", null).json().getString("routing");

        Reply first = HelpDesk.askWithTicket(routing, "ann@pc-17", "198.51.100.1");
        assertEquals(200, first.status(), first.toString());
        long id = first.json().getJsonNumber("id").longValue();
        assertTrue(waiting(bob).contains(id), "in the issuer's queue");
        assertFalse(waiting(carol).contains(id), "in nobody else's");

        Reply second = HelpDesk.askWithTicket(routing, "eve@elsewhere", "198.51.100.2");
        assertEquals(404, second.status(), "a used ticket is refused: " + second);
        assertEquals(0, bob.get("/api/tickets").array().stream()
                .filter(v -> v.asJsonObject().getString("routing").equals(routing)).count(), "no longer live");
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
    void aRevokedTicketIsRefused() {
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        JsonObject t = bob.post("/api/tickets", null).json();
        Reply revoked = bob.delete("/api/tickets/" + t.getInt("id"));
        assertEquals(200, revoked.status(), revoked.toString());
        assertEquals("revoked", revoked.json().getString("state"));
        assertEquals(404, HelpDesk.askWithTicket(t.getString("routing"), "ann@pc-17", "198.51.100.4").status());
        assertEquals(409, bob.delete("/api/tickets/" + t.getInt("id")).status(), "revoking twice is a conflict");
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
