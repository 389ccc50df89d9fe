package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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

    /**
     * What someone with SQL access and the source code would do: change an entry, recompute its
     * hash, every later one and the head exactly as the log hashed before it had a key. The key
     * they do not have shows it, at the entry they changed.
     */
    @Test
    void entriesRewrittenWithEveryHashAndTheHeadRecomputedAreFoundAtTheFirstRewrittenEntry() {
        String login = HelpDesk.account("bob", "technician");
        HelpDesk.as(login).post("/api/tickets", null);
        HelpDesk.as(login).post("/api/tickets", null); // the victim is not the newest entry
        JsonObject before = HelpDesk.admin().get("/api/events/verify").json();
        assertTrue(before.getBoolean("intact"), before.toString());
        assertEquals(1, before.getJsonNumber("keyedFrom").longValue(), "a new log is keyed from its first entry");

        long seq = HelpDesk.admin().get("/api/events?type=ticket_issued&size=1000").array().stream()
                .map(v -> v.asJsonObject()).filter(e -> e.getString("actor").equals(login)).findFirst().orElseThrow()
                .getJsonNumber("seq").longValue();
        String fixture = Deployments.FIXTURE_CONTEXT + "/db";
        String original = Api.anonymous().get(fixture + "/event-detail?seq=" + seq).body();
        try {
            int rewritten = Integer.parseInt(Api.anonymous().post(fixture + "/forge-events?seq=" + seq + "&detail=nothing%20happened", null).body());
            assertTrue(rewritten >= 2, "the victim, every entry after it, and the head were recomputed: " + rewritten);
            JsonObject broken = HelpDesk.admin().get("/api/events/verify").json();
            assertFalse(broken.getBoolean("intact"), broken.toString());
            assertEquals(seq, broken.getJsonNumber("brokenAt").longValue(), "names the first rewritten entry: " + broken);
            assertTrue(broken.getString("reason").contains("changed"), broken.toString());
        } finally {
            Api.anonymous().post(fixture + "/tamper-event?seq=" + seq + "&detail=" + URLEncoder.encode(original, StandardCharsets.UTF_8), null);
            Api.anonymous().post(fixture + "/reseal-events?from=" + seq, null);
        }
        JsonObject after = HelpDesk.admin().get("/api/events/verify").json();
        assertTrue(after.getBoolean("intact"), "resealed, intact again: " + after);
    }

    @Test
    void theEventLogKeyIsMadeOnFirstStartOutsideTheDatabaseForTheServersUserOnly() throws IOException {
        Path key = Path.of(System.getProperty("jboss.home"), "standalone", "configuration", "deskside-audit.key");
        assertTrue(Files.isRegularFile(key), key + " exists");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(key));
        String line = Files.readAllLines(key, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElseThrow();
        String base64 = line.split(" ")[2];
        String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
        String dump = Api.anonymous().get(Deployments.FIXTURE_CONTEXT + "/db/dump").body();
        assertFalse(dump.contains(base64), "the key is not in the database");
        assertFalse(dump.toLowerCase(Locale.ROOT).contains(hex), "the key is not in the database, in hex either");
        assertTrue(HelpDesk.admin().get("/api/events?type=audit_keyed&size=10").array().getJsonObject(0)
                .getString("detail").startsWith("entries from the first on are keyed"));
    }

    @Test
    void theHeadIsCheckpointedOutsideTheDatabase() throws Exception {
        String login = HelpDesk.account("carol", "technician");
        HelpDesk.as(login).post("/api/tickets", null);
        long issued = HelpDesk.admin().get("/api/events?type=ticket_issued&size=1000").array().stream()
                .map(v -> v.asJsonObject()).filter(e -> e.getString("actor").equals(login)).findFirst().orElseThrow()
                .getJsonNumber("seq").longValue();
        Path file = Path.of(System.getProperty("jboss.home"), "standalone", "configuration", "deskside-audit-checkpoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String[] checkpoint = null;
        while (checkpoint == null || Long.parseLong(checkpoint[1]) < issued) {
            assertTrue(System.nanoTime() < deadline, "a checkpoint past entry " + issued + " within a few rounds of 5 s");
            Thread.sleep(500);
            checkpoint = Files.isRegularFile(file) ? checkpointLine(file).split(" ") : null;
        }
        long seq = Long.parseLong(checkpoint[1]);
        assertEquals(eventAt(seq).getString("hash"), checkpoint[2], "the checkpoint names the entry's own hash");
        String line = String.join(" ", checkpoint);
        assertTrue(Files.readString(Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log"))
                .contains(line), "the server log has it too: " + line);
        JsonObject verdict = HelpDesk.admin().get("/api/events/verify").json();
        assertTrue(verdict.getBoolean("intact"), verdict.toString());
        assertTrue(verdict.containsKey("checkpoint"), "verify held the log against it: " + verdict);
    }

    private static String checkpointLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    private static JsonObject eventAt(long seq) {
        for (int page = 0; ; page++) {
            JsonArray events = HelpDesk.admin().get("/api/events?size=1000&page=" + page).array();
            assertFalse(events.isEmpty(), "entry " + seq + " is in the log");
            for (int i = 0; i < events.size(); i++) {
                if (events.getJsonObject(i).getJsonNumber("seq").longValue() == seq) {
                    return events.getJsonObject(i);
                }
            }
        }
    }
}
