package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.WebSocketTunnel;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A Host, as the real one will speak, over the WebSocket tunnel at /tunnel. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostTunnelIT {

    static final URI TUNNEL = URI.create(Api.BASE.replace("http", "ws") + "/tunnel");
    static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    /** Hello, help request with the ticket's routing group, and the waiting status. */
    static void askWithTicket(WebSocketTunnel host, String routing) throws InterruptedException {
        host.send(HelpDesk.hostHello("Deskside Host test"));
        assertNotNull(host.await(Message.Welcome.class, WAIT));
        host.send(new Message.HelpRequest(true, routing, "ann@pc-17", "The printer is on fire"));
        Message.Status waiting = host.await(Message.Status.class, WAIT);
        assertNotNull(waiting);
        assertEquals(Message.Status.State.WAITING, waiting.state());
        assertEquals("Deskside – Waiting…", waiting.detail());
    }

    @Test
    void aHostAsksWaitsIsConfirmedAndEndsWithTheHotkey() throws Exception {
        String login = HelpDesk.account("bob", "technician");
        Api bob = HelpDesk.as(login);
        String routing = bob.post("/api/tickets", "{\"secret\":\"client\"}").json().getString("routing");
        try (WebSocketTunnel host = WebSocketTunnel.connect(TUNNEL)) {
            askWithTicket(host, routing);
            JsonObject request = bob.get("/api/queue").array().stream().map(v -> v.asJsonObject())
                    .filter(r -> routing.equals(r.getString("ticket", null))).findFirst().orElseThrow();
            long id = request.getJsonNumber("id").longValue();
            assertEquals("ann@pc-17", request.getString("customerName"));

            assertEquals(200, bob.post("/api/queue/" + id + "/claim", null).status());
            Message.ConfirmRequest confirm = host.await(Message.ConfirmRequest.class, WAIT);
            assertNotNull(confirm, "the Host is asked to confirm access");
            assertEquals("Test " + login, confirm.technician());
            assertTrue(confirm.permissions().contains(Message.Permission.VIEW));
            assertFalse(confirm.permissions().contains(Message.Permission.RECORD));

            host.send(new Message.ConfirmAnswer(true));
            Message.Status connected = host.await(Message.Status.class, WAIT);
            assertEquals(Message.Status.State.CONNECTED, connected.state());
            assertEquals("Deskside – Connected", connected.detail());
            assertTrue(waitFor(() -> HelpDesk.admin().get("/api/call-records/" + id).json().containsKey("confirmedAt")));
            JsonObject record = HelpDesk.admin().get("/api/call-records/" + id).json();
            assertEquals("127.0.0.1", record.getString("sourceAddress"), "guessing is counted by the Host's real address");

            host.send(new Message.Disconnect(DisconnectReason.HOTKEY, "F12"));
            assertTrue(waitFor(() -> "ended".equals(HelpDesk.admin().get("/api/call-records/" + id).json().getString("outcome", null))));
            assertEquals("hotkey", HelpDesk.admin().get("/api/call-records/" + id).json().getString("endReason"));
        }
    }

    @Test
    void aWrongTicketIsRefusedWithAReasonAndTheTunnelCloses() throws Exception {
        try (WebSocketTunnel host = WebSocketTunnel.connect(TUNNEL)) {
            host.send(HelpDesk.hostHello("Deskside Host test"));
            host.await(Message.Welcome.class, WAIT);
            host.send(new Message.HelpRequest(true, "987654", "eve", ""));
            Message.Disconnect bye = host.await(Message.Disconnect.class, WAIT);
            assertNotNull(bye);
            assertEquals(DisconnectReason.UNKNOWN_TICKET, bye.reason());
            assertInstanceOf(WebSocketTunnel.Closed.class, host.next(WAIT));
        }
    }

    @Test
    void anEndUserWhoDeclinesEndsTheRequestAsDenied() throws Exception {
        String login = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(login));
        try (WebSocketTunnel host = WebSocketTunnel.connect(TUNNEL)) {
            host.send(HelpDesk.hostHello("Deskside Host test"));
            host.await(Message.Welcome.class, WAIT);
            host.send(new Message.HelpRequest(false, service, "ann@pc-17", ""));
            assertEquals(Message.Status.State.WAITING, host.await(Message.Status.class, WAIT).state());
            long id = QueueClaimIT.waiting(HelpDesk.as(login)).get(0);
            HelpDesk.as(login).post("/api/queue/" + id + "/claim", null);
            assertNotNull(host.await(Message.ConfirmRequest.class, WAIT));
            host.send(new Message.ConfirmAnswer(false));
            assertEquals(DisconnectReason.DENIED, host.await(Message.Disconnect.class, WAIT).reason());
            assertTrue(waitFor(() -> "denied".equals(HelpDesk.admin().get("/api/call-records/" + id).json().getString("outcome", null))));
        }
    }

    @Test
    void aHostThatDropsWhileWaitingLeavesTheQueue() throws Exception {
        String login = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(login));
        WebSocketTunnel host = WebSocketTunnel.connect(TUNNEL);
        host.send(HelpDesk.hostHello("Deskside Host test"));
        host.await(Message.Welcome.class, WAIT);
        host.send(new Message.HelpRequest(false, service, "ann@pc-17", ""));
        host.await(Message.Status.class, WAIT);
        long id = QueueClaimIT.waiting(HelpDesk.as(login)).get(0);
        host.abort();
        assertTrue(waitFor(() -> QueueClaimIT.waiting(HelpDesk.as(login)).isEmpty()), "the request left the queue");
        assertEquals("abandoned", HelpDesk.admin().get("/api/call-records/" + id).json().getString("outcome"));
    }

    @Test
    void garbageClosesOnlyThatTunnel() throws Exception {
        String login = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(login));
        try (WebSocketTunnel good = WebSocketTunnel.connect(TUNNEL); WebSocketTunnel bad = WebSocketTunnel.connect(TUNNEL)) {
            good.send(HelpDesk.hostHello("Deskside Host test"));
            good.await(Message.Welcome.class, WAIT);
            bad.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes());
            Message.Disconnect bye = bad.await(Message.Disconnect.class, WAIT);
            assertNotNull(bye);
            assertEquals(DisconnectReason.PROTOCOL_ERROR, bye.reason());
            // Speaking out of order is refused too.
            try (WebSocketTunnel early = WebSocketTunnel.connect(TUNNEL)) {
                early.send(new Message.HelpRequest(false, service, "x", ""));
                assertEquals(DisconnectReason.PROTOCOL_ERROR, early.await(Message.Disconnect.class, WAIT).reason());
            }
            good.send(new Message.HelpRequest(false, service, "ann@pc-17", ""));
            assertEquals(Message.Status.State.WAITING, good.await(Message.Status.class, WAIT).state(), "the other tunnel goes on");
        }
    }

    static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
