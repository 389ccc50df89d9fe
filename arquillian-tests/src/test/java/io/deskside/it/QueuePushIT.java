package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.QueueClient;
import io.deskside.it.support.Reply;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QueuePushIT {

    static final long PUSH_BUDGET_MILLIS = 100;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void everyTechnicianServingTheServiceSeesANewRequestWithin100Milliseconds() throws Exception {
        String a = HelpDesk.account("bob", "technician");
        String b = HelpDesk.account("carol", "technician");
        String outsider = HelpDesk.account("dave", "technician");
        String service = HelpDesk.service(List.of(a, b));
        try (QueueClient bob = QueueClient.connect(HelpDesk.as(a));
                QueueClient carol = QueueClient.connect(HelpDesk.as(b));
                QueueClient dave = QueueClient.connect(HelpDesk.as(outsider))) {
            for (QueueClient c : List.of(bob, carol, dave)) {
                assertEquals("snapshot", c.next(Duration.ofSeconds(10)).message().getString("type"));
            }
            // The first request warms the code path up; the next five are measured.
            for (int i = 0; i < 6; i++) {
                Reply asked = HelpDesk.askForService(service, "ann@pc-" + i);
                assertEquals(200, asked.status(), asked.toString());
                long id = asked.json().getJsonNumber("id").longValue();
                long startedAt = asked.json().getJsonNumber("startedAtMillis").longValue();
                for (QueueClient c : List.of(bob, carol)) {
                    QueueClient.Received r = c.await("added", id, Duration.ofSeconds(5));
                    assertNotNull(r, "request " + id + " was pushed");
                    assertEquals("ann@pc-" + i, r.message().getJsonObject("request").getString("customerName"));
                    if (i > 0) {
                        long latency = r.atMillis() - startedAt;
                        assertTrue(latency <= PUSH_BUDGET_MILLIS, "pushed " + latency + " ms after the request began");
                    }
                }
            }
            assertNull(dave.next(Duration.ofMillis(300)), "a technician outside the service is told nothing");
        }
    }

    @Test
    void aClaimIsPushedAsRemovedToTheOtherTechnicians() throws Exception {
        String a = HelpDesk.account("bob", "technician");
        String b = HelpDesk.account("carol", "technician");
        String service = HelpDesk.service(List.of(a, b));
        long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
        try (QueueClient carol = QueueClient.connect(HelpDesk.as(b))) {
            var snapshot = carol.next(Duration.ofSeconds(10)).message();
            assertTrue(snapshot.getJsonArray("requests").stream()
                    .anyMatch(v -> v.asJsonObject().getJsonNumber("id").longValue() == id), "the snapshot holds it");
            assertEquals(200, HelpDesk.as(a).post("/api/queue/" + id + "/claim", null).status());
            QueueClient.Received removed = carol.await("removed", id, Duration.ofSeconds(5));
            assertNotNull(removed);
            assertEquals("claimed", removed.message().getJsonObject("request").getString("state"));
            assertEquals(a, removed.message().getJsonObject("request").getString("claimedBy"));
        }
    }

    @Test
    void aSubscriptionWithoutCredentialsIsRefusedAtTheHandshake() {
        CompletionException e = assertThrows(CompletionException.class, () -> QueueClient.connect(Api.anonymous()));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
        assertEquals(401, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }

    @Test
    void aBrowserPageFromAnotherSiteCannotSubscribe() {
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        CompletionException e = assertThrows(CompletionException.class,
                () -> QueueClient.connect(bob, "https://evil.example"));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
        assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }

    @Test
    void aDeactivatedTechnicianStopsGettingTheQueue() throws Exception {
        String login = HelpDesk.account("bob", "technician");
        try (QueueClient bob = QueueClient.connect(HelpDesk.as(login))) {
            assertEquals("snapshot", bob.next(Duration.ofSeconds(10)).message().getString("type"));
            long id = HelpDesk.as(login).get("/api/me").json().getInt("id");
            assertEquals(200, HelpDesk.admin().put("/api/technicians/" + id, "{\"active\":false}").status());
            long deadline = System.currentTimeMillis() + 5000;
            while (bob.closeCode() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1008, bob.closeCode(), "the live queue closes with the account");
        }
    }

    @Test
    void anAccountWithoutAQueueRoleIsDisconnected() throws Exception {
        try (QueueClient billing = QueueClient.connect(HelpDesk.as(HelpDesk.account("bill", "billing")))) {
            long deadline = System.currentTimeMillis() + 5000;
            while (billing.closeCode() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1008, billing.closeCode(), "closed as a policy violation");
        }
    }
}
