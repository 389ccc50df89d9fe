package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Deployments;
import io.deskside.it.support.FromAddress;
import io.deskside.it.support.FromAddress.Answer;
import io.deskside.it.support.HelpDesk;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password guessing is bounded per account and source address. The test server allows ten free
 * failures, then 1 s, 2 s, 4 s between them, and locks out at the thirteenth for 20 s. Each
 * test signs in from a loopback address of its own, as a client elsewhere would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInLimitsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void wrongPasswordsFromOneAddressGetSlowerThenLockedOutWith429AndAreLogged() throws Exception {
        String login = HelpDesk.account("ann", "technician");
        String colleague = HelpDesk.account("carl", "technician");
        String guesser = "127.0.0." + (2 + System.nanoTime() % 120);
        String elsewhere = "127.0.0." + (130 + System.nanoTime() % 120);
        for (int i = 0; i < 10; i++) {
            assertEquals(401, FromAddress.get(guesser, "/api/me", login, "guess " + i).status(), "free failure " + i);
        }
        Answer slow = FromAddress.get(guesser, "/api/me", login, "guess 10");
        assertEquals(429, slow.status(), slow.toString());
        assertEquals("1", slow.header("Retry-After"));
        assertTrue(slow.header("Content-Type").startsWith("application/problem+json"), slow.header("Content-Type"));
        JsonObject problem = parse(slow.body());
        assertEquals(429, problem.getInt("status"));
        assertTrue(problem.getString("detail").contains("try again in 1 s"), slow.body());

        // The same technician elsewhere, and a colleague behind the same address, are not held up.
        assertEquals(200, FromAddress.get(elsewhere, "/api/me", login, HelpDesk.PASSWORD).status());
        assertEquals(200, FromAddress.get(guesser, "/api/me", colleague, HelpDesk.PASSWORD).status());

        Thread.sleep(1100);
        assertEquals(401, FromAddress.get(guesser, "/api/me", login, "guess 11").status());
        assertEquals("2", FromAddress.get(guesser, "/api/me", login, "guess 12").header("Retry-After"));
        Thread.sleep(2100);
        assertEquals(401, FromAddress.get(guesser, "/api/me", login, "guess 13").status());
        Thread.sleep(4100);
        assertEquals(401, FromAddress.get(guesser, "/api/me", login, "guess 14").status(), "the thirteenth failure locks out");

        // Locked out: the right password is refused too, even one the gateway remembers as just
        // checked (from elsewhere above), so a guess cannot be told right by its answer.
        Answer locked = FromAddress.get(guesser, "/api/me", login, HelpDesk.PASSWORD);
        assertEquals(429, locked.status(), locked.toString());
        assertTrue(parse(locked.body()).getString("detail").contains("locked out"), locked.body());
        assertTrue(Long.parseLong(locked.header("Retry-After")) > 10, locked.header("Retry-After"));
        assertEquals(200, FromAddress.get(elsewhere, "/api/me", login, HelpDesk.PASSWORD).status());

        boolean alert = HelpDesk.admin().get("/api/events?type=source_locked_out&size=1000").array().stream()
                .map(v -> v.asJsonObject())
                .anyMatch(e -> guesser.equals(e.getString("sourceAddress", null)) && e.getString("detail").contains(login));
        assertTrue(alert, "the lock-out is in the event log");
        long failures = HelpDesk.admin().get("/api/events?type=login_failed&size=1000").array().stream()
                .map(v -> v.asJsonObject())
                .filter(e -> guesser.equals(e.getString("sourceAddress", null)) && login.equals(e.getString("actor"))).count();
        assertEquals(13, failures, "every checked failure is logged; the refused-early ones were never checked");

        Thread.sleep(20_500);
        assertEquals(200, FromAddress.get(guesser, "/api/me", login, HelpDesk.PASSWORD).status(), "the lock-out ends");
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
