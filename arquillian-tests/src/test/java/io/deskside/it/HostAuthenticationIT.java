package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.FromAddress;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import io.deskside.it.support.WebSocketTunnel;
import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hosts authenticate to the gateway with the credential their download carries: without a
 * valid one nothing is opened, nothing is queued and nothing is relayed, over any transport; an
 * administrator can revoke every credential issued so far.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostAuthenticationIT {

    static final Duration WAIT = Duration.ofSeconds(15);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void theDownloadPageHandsOutACredentialAndWhereTheTunnelIs() {
        Reply r = Api.anonymous().get("/host/credential");
        assertEquals(200, r.status());
        assertEquals("no-store", r.header("Cache-Control"));
        JsonObject json = r.json();
        assertTrue(json.getString("credential").startsWith("h1."), json.toString());
        assertTrue(json.getString("tunnel").endsWith("/tunnel") && json.getString("tunnel").startsWith("ws"), json.toString());
        java.time.Instant expires = java.time.Instant.parse(json.getString("expires"));
        assertTrue(expires.isAfter(java.time.Instant.now().plus(Duration.ofHours(23))), "a day, by default: " + expires);
        assertTrue(expires.isBefore(java.time.Instant.now().plus(Duration.ofHours(25))), "no longer: a Host runs right after its download");
    }

    /**
     * A credential proves only that its Host came from this download site, and anyone may download.
     * So one address gets only so many an hour (1,000 on the test server, 30 by default): a hoard
     * made before a key rotation cannot be refilled at once, and rotating revokes something.
     */
    @Test
    void oneAddressGetsOnlySoManyCredentialsAnHour() throws Exception {
        String hoarder = "127.0.1." + (1 + System.nanoTime() % 250);
        for (int i = 0; i < 1_000; i++) {
            FromAddress.Answer a = FromAddress.get(hoarder, "/host/credential");
            assertEquals(200, a.status(), "credential " + (i + 1) + ": " + a);
        }
        FromAddress.Answer refused = FromAddress.get(hoarder, "/host/credential");
        assertEquals(429, refused.status(), refused.toString());
        assertTrue(Long.parseLong(refused.header("Retry-After")) > 0, refused.toString());
        assertTrue(refused.header("Content-Type").startsWith("application/problem+json"), refused.toString());
        assertFalse(refused.body().contains("h1."), "no credential in the refusal");
        String elsewhere = hoarder.replace("127.0.1.", "127.0.2.");
        assertEquals(200, FromAddress.get(elsewhere, "/host/credential").status(), "another address is not held up");
    }

    @Test
    void aHostWithoutAValidCredentialIsTurnedAwayAndItsRequestNeverQueues() throws Exception {
        String login = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(login));
        String good = HelpDesk.hostCredential();
        String forged = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
        String otherExpiry = good.replaceFirst("^(h1\\.\\d+\\.)(\\d+)", "$1" + "9999999999");
        for (String credential : new String[] {"", forged, otherExpiry, "h1.1.1.x", "not a credential"}) {
            try (WebSocketTunnel host = WebSocketTunnel.connect(HostTunnelIT.TUNNEL)) {
                host.send(new Message.Hello(Message.Role.HOST, "intruder", credential, "", 0));
                host.send(new Message.HelpRequest(false, service, "mallory@pc", "let me in"));
                WebSocketTunnel.Event first = host.next(WAIT);
                Message.Disconnect bye = assertInstanceOf(Message.Disconnect.class,
                        assertInstanceOf(WebSocketTunnel.Received.class, first, "the first thing heard is the refusal").message());
                assertEquals(DisconnectReason.UNAUTHENTICATED, bye.reason(), "credential '" + credential + "'");
                assertTrue(bye.detail().contains("download"), bye.detail());
                assertInstanceOf(WebSocketTunnel.Closed.class, host.next(WAIT), "and the connection closes");
            }
        }
        // Over HTTP too: the refusal, and no tunnel to carry on.
        var r = TunnelEdgesIT.post(TunnelEdgesIT.HOST, new Message.Hello(Message.Role.HOST, "intruder", forged, "", 0).toFrame().encode(),
                Map.of());
        assertEquals(200, r.statusCode());
        List<Message> said = TunnelEdgesIT.frames(r.body());
        assertEquals(1, said.size(), "nothing but the refusal: " + said);
        assertEquals(DisconnectReason.UNAUTHENTICATED, assertInstanceOf(Message.Disconnect.class, said.get(0)).reason());
        assertEquals(null, r.headers().firstValue("Deskside-Tunnel").orElse(null), "no tunnel was opened");

        assertTrue(QueueClaimIT.waiting(HelpDesk.as(login)).isEmpty(), "no request reached the queue");

        // The same Host with its download's credential gets in.
        try (WebSocketTunnel host = WebSocketTunnel.connect(HostTunnelIT.TUNNEL)) {
            host.send(new Message.Hello(Message.Role.HOST, "ann's Host", good, "", 0));
            assertNotNull(host.await(Message.Welcome.class, WAIT));
            host.send(new Message.HelpRequest(false, service, "ann@pc", "help"));
            assertEquals(Message.Status.State.WAITING, host.await(Message.Status.class, WAIT).state());
            assertEquals(1, QueueClaimIT.waiting(HelpDesk.as(login)).size());
        }
    }

    @Test
    void theClientReportsTheRefusalOverEveryTransport() {
        for (Mode mode : Mode.values()) {
            GatewayTunnel.Options options = GatewayTunnel.Options.of(TransportsIT.HOST_ENDPOINT, Message.Role.HOST, "no credential")
                    .direct().modes(mode);
            GatewayTunnel.TunnelRefused refused = assertThrows(GatewayTunnel.TunnelRefused.class, () -> GatewayTunnel.open(options));
            assertEquals(DisconnectReason.UNAUTHENTICATED, refused.reason(), mode.name());
            assertTrue(refused.getMessage().contains("download"), refused.getMessage());
        }
    }

    @Test
    void rotatingTheKeysRevokesEveryHostDownloadedBeforeButNotOpenTunnels() throws Exception {
        String login = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(login));
        String before = HelpDesk.hostCredential();
        try (GatewayTunnel waiting = GatewayTunnel.open(TransportsIT.hostOptions(TransportsIT.HOST_ENDPOINT, Mode.WEBSOCKET))) {
            waiting.send(new Message.HelpRequest(false, service, "ann@pc", "help"));
            assertTrue(HostTunnelIT.waitFor(() -> QueueClaimIT.waiting(HelpDesk.as(login)).size() == 1));

            assertEquals(403, HelpDesk.as(login).post("/api/host-keys/rotation", null).status(), "administrators only");
            assertEquals(204, HelpDesk.admin().post("/api/host-keys/rotation", null).status());

            GatewayTunnel.Options old = GatewayTunnel.Options.of(TransportsIT.HOST_ENDPOINT, Message.Role.HOST, "old download")
                    .credential(before).direct().modes(Mode.WEBSOCKET);
            GatewayTunnel.TunnelRefused refused = assertThrows(GatewayTunnel.TunnelRefused.class, () -> GatewayTunnel.open(old));
            assertTrue(refused.getMessage().contains("revoked"), refused.getMessage());
            try (GatewayTunnel fresh = GatewayTunnel.open(old.credential(HelpDesk.hostCredential()))) {
                assertEquals(Mode.WEBSOCKET, fresh.mode(), "a fresh download gets in");
            }

            // The tunnel opened before the rotation carries on, across a cut transport too.
            waiting.cut();
            assertTrue(HostTunnelIT.waitFor(() -> waiting.transports() >= 2), "resumed without a credential check");
            assertEquals(1, QueueClaimIT.waiting(HelpDesk.as(login)).size(), "its request still waits");
        }
        JsonObject logged = HelpDesk.admin().get("/api/events?type=host_key_rotated&size=1000").array().stream()
                .map(v -> v.asJsonObject()).reduce((a, b) -> b).orElseThrow();
        assertEquals("admin", logged.getString("actor"));
    }
}
