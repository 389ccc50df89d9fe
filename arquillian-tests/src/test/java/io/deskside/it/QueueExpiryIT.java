package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.QueueClient;
import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test server lets a help request wait 20 s (production: 30 minutes). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QueueExpiryIT {

    static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aRequestNobodyTakesExpiresLeavesTheQueueAndIsRecorded() throws Exception {
        String bob = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(bob));
        try (QueueClient queue = QueueClient.connect(HelpDesk.as(bob));
                GatewayTunnel host = GatewayTunnel.open(TransportsIT.hostOptions(TransportsIT.HOST_ENDPOINT, GatewayTunnel.Mode.WEBSOCKET))) {
            assertEquals("snapshot", queue.next(Duration.ofSeconds(10)).message().getString("type"));
            // A real Host (it pings, as the real one does) waits in the same queue, and must be told when its request expires.
            host.send(new Message.HelpRequest(false, service, "ben@pc-18", ""));
            assertEquals(Message.Status.State.WAITING, host.await(Message.Status.class, Duration.ofSeconds(10)).state());
            long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
            assertNotNull(queue.await("added", id, Duration.ofSeconds(5)));
            QueueClient.Received removed = queue.await("removed", id, QUEUE_TIMEOUT.plusSeconds(15));
            assertNotNull(removed, "the expiry is pushed");
            assertEquals("expired", removed.message().getJsonObject("request").getString("state"));
            assertFalse(QueueClaimIT.waiting(HelpDesk.as(bob)).contains(id));
            assertEquals(409, HelpDesk.as(bob).post("/api/queue/" + id + "/claim", null).status());

            JsonObject record = HelpDesk.admin().get("/api/call-records/" + id).json();
            assertEquals("expired", record.getString("outcome"));
            assertEquals("expired", record.getString("endReason"));
            Duration waited = Duration.between(Instant.parse(record.getString("askedAt")), Instant.parse(record.getString("endedAt")));
            assertTrue(waited.compareTo(QUEUE_TIMEOUT) >= 0 && waited.compareTo(QUEUE_TIMEOUT.plusSeconds(10)) < 0, waited.toString());
            Message.Disconnect told = host.await(Message.Disconnect.class, Duration.ofSeconds(15));
            assertNotNull(told, "the waiting Host is told");
            assertEquals(DisconnectReason.EXPIRED, told.reason());
        }
    }
}
