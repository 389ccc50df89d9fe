package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.WebSocketTunnel;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tunnels at their edges: a peer gone past the grace period, a peer that stops acknowledging,
 * malformed requests on the HTTP transports, and requests that came through a proxy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TunnelEdgesIT {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    static final URI HOST = URI.create(Api.BASE + "/tunnel");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aHostGoneLongerThanTheGracePeriodEndsTheSessionAsLost() throws Exception {
        SessionRelayIT.Session s = SessionRelayIT.connect();
        try (WebSocketTunnel guest = s.guest()) {
            s.host().abort();
            // The test server's grace period is 5 s: the Guest hears nothing before it ends.
            assertNull(guest.await(Message.Disconnect.class, Duration.ofSeconds(3)), "nothing ends within the grace period");
            assertEquals(DisconnectReason.LOST, guest.await(Message.Disconnect.class, WAIT).reason());
            assertTrue(HostTunnelIT.waitFor(() -> "lost".equals(
                    HelpDesk.admin().get("/api/call-records/" + s.id()).json().getString("endReason", null))));
        }
    }

    @Test
    void aGuestThatStopsAcknowledgingIsCutOffAtTheBoundAndOtherSessionsGoOn() throws Exception {
        SessionRelayIT.Session s = SessionRelayIT.connect();
        SessionRelayIT.Session other = SessionRelayIT.connect();
        try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest();
                WebSocketTunnel otherHost = other.host(); WebSocketTunnel otherGuest = other.guest()) {
            // The raw Guest reads everything and grants more credit, but never acknowledges a frame:
            // what the gateway keeps for it grows to the 16 MiB bound, and there the Guest is cut off.
            byte[] megabyte = new byte[Frame.MAX_PAYLOAD_BYTES];
            Message.Disconnect ended = null;
            for (int round = 0; round < 8 && ended == null; round++) {
                guest.send(new Message.Credit(1, 4L << 20));
                Message heard = nextOf(host, Message.Credit.class, Message.Disconnect.class);
                if (!(heard instanceof Message.Credit)) {
                    ended = (Message.Disconnect) heard;
                    break;
                }
                for (int i = 0; i < 4; i++) {
                    host.send(new Message.Data(1, megabyte));
                }
                for (int i = 0; i < 4; i++) {
                    if (guest.await(Message.Data.class, WAIT) == null) {
                        break; // cut off
                    }
                }
            }
            if (ended == null) {
                ended = host.await(Message.Disconnect.class, WAIT);
            }
            assertNotNull(ended, "the end user is told the session ended");
            assertEquals(DisconnectReason.LOST, ended.reason());
            assertTrue(HostTunnelIT.waitFor(() -> "lost".equals(
                    HelpDesk.admin().get("/api/call-records/" + s.id()).json().getString("endReason", null))));
            otherGuest.send(new Message.Ping(5));
            assertEquals(5, otherGuest.await(Message.Pong.class, WAIT).nonce(), "another session goes on");
            otherHost.send(new Message.Ping(6));
            assertEquals(6, otherHost.await(Message.Pong.class, WAIT).nonce());
        }
    }

    /** The next message of either type, skipping others; null when the tunnel closes first. */
    static Message nextOf(WebSocketTunnel t, Class<? extends Message> a, Class<? extends Message> b) throws InterruptedException {
        WebSocketTunnel.Event e;
        while ((e = t.next(WAIT)) instanceof WebSocketTunnel.Received r) {
            if (a.isInstance(r.message()) || b.isInstance(r.message())) {
                return r.message();
            }
        }
        return null;
    }

    static HttpResponse<byte[]> post(URI uri, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(WAIT).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<Message> frames(byte[] body) throws Exception {
        FrameDecoder d = new FrameDecoder();
        List<Message> out = new java.util.ArrayList<>();
        for (Frame f : d.feed(body)) {
            out.add(Message.decode(f));
        }
        return out;
    }

    static Message.Welcome hello(Map<String, String> headers) throws Exception {
        HttpResponse<byte[]> r = post(HOST, HelpDesk.hostHello("raw").toFrame().encode(), headers);
        assertEquals(200, r.statusCode());
        return assertInstanceOf(Message.Welcome.class, frames(r.body()).get(0));
    }

    @Test
    void malformedHttpRequestsGetAClearErrorAndTouchNoOtherTunnel() throws Exception {
        Message.Welcome bystander = hello(Map.of());
        Message.Welcome victim = hello(Map.of());

        HttpResponse<byte[]> r = post(HOST, new byte[] {1, 99, 0, 0, 0, 0, 0, 0}, Map.of());
        assertEquals(400, r.statusCode());
        assertTrue(new String(r.body()).contains("unknown frame type 99"), new String(r.body()));
        r = post(HOST, new Message.Hello(Message.Role.GUEST, "raw", "").toFrame().encode(), Map.of());
        assertEquals(400, r.statusCode(), "a Guest hello on the Host's door");
        r = post(HOST, new byte[] {1, 1, 0, 0}, Map.of());
        assertEquals(400, r.statusCode(), "a frame cut off");
        r = post(HOST, new byte[0], Map.of("Deskside-Tunnel", "0123456789abcdef.AAAA", "Deskside-Received", "0"));
        assertEquals(404, r.statusCode(), "an unknown tunnel");
        r = post(HOST, new byte[0], Map.of("Deskside-Tunnel", victim.resume(), "Deskside-Received", "-4"));
        assertEquals(400, r.statusCode(), "a negative count");
        r = post(HOST, new byte[3 << 20], Map.of("Deskside-Tunnel", victim.resume(), "Deskside-Received", "0"));
        assertEquals(413, r.statusCode(), "more than a request may carry");
        HttpResponse<String> g = HTTP.send(HttpRequest.newBuilder(HOST).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, g.statusCode(), "a stream that names no tunnel");

        // Garbage on a live tunnel ends that tunnel, and only that one.
        r = post(HOST, new byte[] {9, 9, 9, 9, 9, 9, 9, 9},
                Map.of("Deskside-Tunnel", victim.resume(), "Deskside-Received", "0", "Deskside-Seq", "0"));
        assertEquals(400, r.statusCode());
        r = post(HOST, new Message.Ping(1).toFrame().encode(),
                Map.of("Deskside-Tunnel", victim.resume(), "Deskside-Received", "0", "Deskside-Wait", "1000"));
        assertTrue(frames(r.body()).stream().anyMatch(m -> m instanceof Message.Disconnect d && d.reason() == DisconnectReason.PROTOCOL_ERROR),
                "the broken tunnel's last word is why");
        r = post(HOST, new Message.Ping(2).toFrame().encode(),
                Map.of("Deskside-Tunnel", bystander.resume(), "Deskside-Received", "0", "Deskside-Wait", "1000"));
        assertEquals(200, r.statusCode());
        assertTrue(frames(r.body()).contains(new Message.Pong(2)), "the other tunnel answers");
    }

    @Test
    void requestsThroughAProxyAreToldToUseTransactionMode() throws Exception {
        Message.Welcome w = hello(Map.of("Via", "1.1 squid"));
        assertTrue(w.transactionOnly(), "a hello through a proxy is answered: use transaction mode");
        assertTrue(!hello(Map.of()).transactionOnly(), "a direct one is not");
        HttpResponse<String> g = HTTP.send(HttpRequest.newBuilder(HOST).header("Deskside-Tunnel", w.resume())
                .header("Deskside-Received", "0").header("X-Forwarded-For", "192.0.2.7").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, g.statusCode(), "no streaming through a proxy");
        CompletionException e = assertThrows(CompletionException.class, () -> HTTP.newWebSocketBuilder()
                .header("Forwarded", "for=192.0.2.7").buildAsync(URI.create(Api.BASE.replace("http", "ws") + "/tunnel"),
                        new WebSocket.Listener() { }).join());
        assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode());
    }

    @Test
    void webPagesOfOtherSitesMayNotOpenAHostTunnel() throws Exception {
        CompletionException e = assertThrows(CompletionException.class, () -> HTTP.newWebSocketBuilder()
                .header("Origin", "https://evil.example").buildAsync(URI.create(Api.BASE.replace("http", "ws") + "/tunnel"),
                        new WebSocket.Listener() { }).join());
        assertEquals(403, assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode());
        HttpResponse<byte[]> r = post(HOST, HelpDesk.hostHello("page").toFrame().encode(),
                Map.of("Origin", "https://evil.example"));
        assertEquals(403, r.statusCode(), "nor over HTTP");
        assertTrue(!hello(Map.of()).resume().isEmpty(), "a Host (no Origin) still gets in");
    }

    @Test
    void onlyTheTechnicianWhoClaimedTheRequestMayUseItsHttpTunnel() throws Exception {
        SessionRelayIT.Session s = SessionRelayIT.connect();
        try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest()) {
            Api carol = HelpDesk.as(HelpDesk.account("carol", "technician"));
            URI uri = URI.create(Api.BASE + "/api/sessions/" + s.id() + "/tunnel");
            HttpResponse<byte[]> r = post(uri, new Message.Hello(Message.Role.GUEST, "intruder", "").toFrame().encode(),
                    Map.of("Authorization", carol.authorization()));
            assertEquals(404, r.statusCode());
            r = post(uri, new Message.Hello(Message.Role.GUEST, "intruder", "").toFrame().encode(), Map.of());
            assertEquals(401, r.statusCode(), "not signed in");
            guest.send(new Message.Ping(9));
            assertEquals(9, guest.await(Message.Pong.class, WAIT).nonce(), "the real Guest goes on");
        }
    }
}
