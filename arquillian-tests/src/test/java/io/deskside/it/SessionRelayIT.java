package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.WebSocketTunnel;
import io.deskside.protocol.crypto.KeyExchangeFailed;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.crypto.TicketKeyExchange;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.TicketCode;
import io.deskside.protocol.ticket.TicketSecret;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Host and Guest through the gateway over WebSocket: the ticket key exchange end to end, sealed
 * data within the credit the receiver granted, and what happens when either goes wrong.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionRelayIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    /** A ticket session up to the point where both sides are told it is connected. */
    record Session(String technician, TicketCode code, long ticketId, long id, WebSocketTunnel host, WebSocketTunnel guest,
            SessionContext hostContext, SessionContext guestContext) {
    }

    static Session connect() throws Exception {
        String login = HelpDesk.account("bob", "technician");
        Api bob = HelpDesk.as(login);
        JsonObject ticket = bob.post("/api/tickets", "{\"secret\":\"server\"}").json();
        TicketCode code = TicketCode.parse(ticket.getString("code"));
        WebSocketTunnel host = WebSocketTunnel.connect(HostTunnelIT.TUNNEL);
        HostTunnelIT.askWithTicket(host, code.routing().digits());
        long id = QueueClaimIT.waiting(bob).get(0);
        assertEquals(200, bob.post("/api/queue/" + id + "/claim", null).status());
        assertNotNull(host.await(Message.ConfirmRequest.class, WAIT));
        WebSocketTunnel guest = guestTunnel(bob, id);
        guest.send(new Message.Hello(Message.Role.GUEST, "Deskside Guest test", ""));
        assertNotNull(guest.await(Message.Welcome.class, WAIT));
        assertEquals(Message.Status.State.CONFIRMING, guest.await(Message.Status.class, WAIT).state());
        host.send(new Message.ConfirmAnswer(true));
        SessionContext hostContext = host.await(Message.Session.class, WAIT).context();
        assertEquals(Message.Status.State.CONNECTED, host.await(Message.Status.class, WAIT).state());
        SessionContext guestContext = guest.await(Message.Session.class, WAIT).context();
        assertEquals(Message.Status.State.CONNECTED, guest.await(Message.Status.class, WAIT).state());
        return new Session(login, code, ticket.getJsonNumber("id").longValue(), id, host, guest, hostContext, guestContext);
    }

    static WebSocketTunnel guestTunnel(Api technician, long id) {
        return WebSocketTunnel.connect(URI.create(Api.BASE.replace("http", "ws") + "/api/sessions/" + id + "/tunnel"),
                Map.of("Authorization", technician.authorization()));
    }

    /** Both sides run the three J-PAKE rounds through their tunnels. */
    static SessionKeys[] exchangeKeys(Session s, TicketSecret hostSecret, TicketSecret guestSecret) throws Exception {
        return exchangeKeys(s, hostSecret, guestSecret, s.guestContext());
    }

    /** The same, with the Guest binding its side to {@code guestContext}. */
    static SessionKeys[] exchangeKeys(Session s, TicketSecret hostSecret, TicketSecret guestSecret, SessionContext guestContext)
            throws Exception {
        TicketKeyExchange h = new TicketKeyExchange(TicketKeyExchange.Side.HOST, hostSecret, s.hostContext());
        TicketKeyExchange g = new TicketKeyExchange(TicketKeyExchange.Side.GUEST, guestSecret, guestContext);
        s.host().send(new Message.KeyExchange(1, h.round1()));
        s.guest().send(new Message.KeyExchange(1, g.round1()));
        byte[] g1 = s.host().await(Message.KeyExchange.class, WAIT).body();
        byte[] h1 = s.guest().await(Message.KeyExchange.class, WAIT).body();
        s.host().send(new Message.KeyExchange(2, h.round2(g1)));
        s.guest().send(new Message.KeyExchange(2, g.round2(h1)));
        byte[] g2 = s.host().await(Message.KeyExchange.class, WAIT).body();
        byte[] h2 = s.guest().await(Message.KeyExchange.class, WAIT).body();
        s.host().send(new Message.KeyExchange(3, h.round3(g2)));
        s.guest().send(new Message.KeyExchange(3, g.round3(h2)));
        byte[] g3 = s.host().await(Message.KeyExchange.class, WAIT).body();
        byte[] h3 = s.guest().await(Message.KeyExchange.class, WAIT).body();
        return new SessionKeys[] {h.finish(g3), g.finish(h3)};
    }

    @Test
    void aTicketSessionExchangesKeysAndSealedDataThroughTheGateway() throws Exception {
        Session s = connect();
        try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest()) {
            SessionKeys[] keys = exchangeKeys(s, s.code().secret(), s.code().secret());
            assertEquals(keys[0].verificationCode(), keys[1].verificationCode());
            var hostChannel = keys[0].forHost();
            var guestChannel = keys[1].forGuest();

            guest.send(new Message.Credit(1, 64 * 1024));
            assertEquals(64 * 1024, host.await(Message.Credit.class, WAIT).bytes(), "the Guest's credit reaches the Host");
            byte[] screen = "a screen update of the end user's desktop".getBytes(StandardCharsets.UTF_8);
            byte[] sealed = hostChannel.seal(1, screen);
            host.send(new Message.Data(1, sealed));
            Message.Data arrived = guest.await(Message.Data.class, WAIT);
            assertArrayEquals(sealed, arrived.sealed(), "the gateway relays the record untouched");
            assertArrayEquals(screen, guestChannel.open(1, arrived.sealed()));

            guest.send(new Message.Disconnect(DisconnectReason.GUEST_ENDED, "done"));
            assertEquals(DisconnectReason.GUEST_ENDED, host.await(Message.Disconnect.class, WAIT).reason());
            assertTrue(HostTunnelIT.waitFor(() -> "ended".equals(
                    HelpDesk.admin().get("/api/call-records/" + s.id()).json().getString("outcome", null))));
            JsonObject record = HelpDesk.admin().get("/api/call-records/" + s.id()).json();
            assertEquals("guest_ended", record.getString("endReason"));
            assertEquals(sealed.length, record.getInt("bytesToGuest"), "relayed bytes are billed");
        }
    }

    @Test
    void aWrongSecretFailsTheExchangeCountsAFailedTryAndRaisesAnAlert() throws Exception {
        Session s = connect();
        try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest()) {
            String wrong = s.code().secret().reveal().equals("000000") ? "000001" : "000000";
            assertThrows(KeyExchangeFailed.class, () -> exchangeKeys(s, s.code().secret(), TicketSecret.of(wrong)));
            guest.send(new Message.Disconnect(DisconnectReason.KEY_EXCHANGE_FAILED, "key confirmation failed"));
            assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, host.await(Message.Disconnect.class, WAIT).reason());
            assertTrue(HostTunnelIT.waitFor(() -> "key_exchange_failed".equals(
                    HelpDesk.admin().get("/api/call-records/" + s.id()).json().getString("endReason", null))));
            JsonObject ticket = HelpDesk.as(s.technician()).get("/api/tickets/" + s.ticketId()).json();
            assertEquals(1, ticket.getInt("failedTries"), "the technician sees the failed try");
            assertEquals("issued", ticket.getString("state"), "one failed try does not take the ticket from its owner");
            var alerts = HelpDesk.admin().get("/api/events?type=ticket_try_failed&size=1000").array().stream()
                    .map(v -> v.asJsonObject()).filter(e -> e.getJsonNumber("requestId").longValue() == s.id()).toList();
            assertEquals(1, alerts.size());
            assertTrue(alerts.get(0).getString("detail").startsWith("ALERT"), alerts.get(0).toString());
        }
    }

    /** The Guest whose key exchange succeeded says so; the gateway then takes the ticket out of use. */
    @Test
    void aGuestThatConfirmsTheKeyUsesUpTheTicket() throws Exception {
        Session s = connect();
        try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest()) {
            exchangeKeys(s, s.code().secret(), s.code().secret());
            assertEquals("issued", HelpDesk.as(s.technician()).get("/api/tickets/" + s.ticketId()).json().getString("state"));
            guest.send(new Message.KeyConfirmed());
            assertTrue(HostTunnelIT.waitFor(() -> "used".equals(
                    HelpDesk.as(s.technician()).get("/api/tickets/" + s.ticketId()).json().getString("state"))));
            assertEquals(404, HelpDesk.askWithTicket(s.code().routing().digits(), "eve", "203.0.113.90").status(),
                    "a used ticket takes no more requests");
            guest.send(new Message.Ping(5));
            assertEquals(5, guest.await(Message.Pong.class, WAIT).nonce(), "the session goes on");
        }
    }

    /** The Host is anonymous: it cannot say the ticket was used (nor use it up for a guesser). */
    @Test
    void aHostCannotUseUpATicket() throws Exception {
        Session s = connect();
        try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest()) {
            host.send(new Message.KeyConfirmed());
            assertEquals(DisconnectReason.PROTOCOL_ERROR, host.await(Message.Disconnect.class, WAIT).reason());
            assertEquals("issued", HelpDesk.as(s.technician()).get("/api/tickets/" + s.ticketId()).json().getString("state"));
        }
    }

    /**
     * Both sides are told the same session, and bind their key exchange to it: a Guest that was
     * told another request (a gateway pairing the wrong two) fails the exchange, which ends the
     * session as key_exchange_failed and counts against the ticket, instead of exchanging records that
     * never open.
     */
    @Test
    void twoSidesToldDifferentSessionsFailTheKeyExchangeAsAFailedTry() throws Exception {
        Session s = connect();
        try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest()) {
            assertEquals(SessionContext.ofTicket(s.id(), s.code().routing().digits()), s.hostContext());
            assertEquals(s.hostContext(), s.guestContext(), "the gateway names one session to both");
            SessionContext other = SessionContext.ofTicket(s.id() + 1, s.code().routing().digits());
            assertThrows(KeyExchangeFailed.class, () -> exchangeKeys(s, s.code().secret(), s.code().secret(), other));
            guest.send(new Message.Disconnect(DisconnectReason.KEY_EXCHANGE_FAILED, "the two sides name different sessions"));
            assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, host.await(Message.Disconnect.class, WAIT).reason());
            assertTrue(HostTunnelIT.waitFor(() -> HelpDesk.as(s.technician()).get("/api/tickets/" + s.ticketId()).json()
                    .getInt("failedTries") == 1), "counted on the ticket like a wrong secret");
        }
    }

    @Test
    void dataBeyondTheGrantedCreditClosesTheSenderAndEndsTheSession() throws Exception {
        Session s = connect();
        try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest()) {
            guest.send(new Message.Credit(1, 100));
            assertNotNull(host.await(Message.Credit.class, WAIT));
            host.send(new Message.Data(1, new byte[101]));
            assertEquals(DisconnectReason.PROTOCOL_ERROR, host.await(Message.Disconnect.class, WAIT).reason());
            Message.Disconnect toGuest = guest.await(Message.Disconnect.class, WAIT);
            assertNotNull(toGuest, "the Guest is told the session ended");
            assertTrue(HostTunnelIT.waitFor(() -> "lost".equals(
                    HelpDesk.admin().get("/api/call-records/" + s.id()).json().getString("endReason", null))));
        }
    }

    @Test
    void bothSidesEndingAtTheSameMomentEndTheSessionOnceAndHangNothing() throws Exception {
        for (int i = 0; i < 8; i++) {
            Session s = connect();
            try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest()) {
                host.send(new Message.Disconnect(DisconnectReason.HOST_ENDED, "bye"));
                guest.send(new Message.Disconnect(DisconnectReason.GUEST_ENDED, "bye"));
                assertTrue(HostTunnelIT.waitFor(() -> "ended".equals(
                        HelpDesk.admin().get("/api/call-records/" + s.id()).json().getString("outcome", null))), "session " + i);
                assertInstanceOf(WebSocketTunnel.Closed.class, lastEvent(host), "the Host's tunnel closed");
                assertInstanceOf(WebSocketTunnel.Closed.class, lastEvent(guest), "the Guest's tunnel closed");
            }
        }
        // The gateway still answers: nothing is stuck holding a lock.
        assertEquals(200, HelpDesk.admin().get("/api/me").status());
    }

    private static WebSocketTunnel.Event lastEvent(WebSocketTunnel t) throws InterruptedException {
        WebSocketTunnel.Event e;
        while ((e = t.next(WAIT)) instanceof WebSocketTunnel.Received) {
            // skip the goodbye
        }
        return e;
    }

    @Test
    void garbageOnTheGuestTunnelClosesItAndEndsTheSessionAsLost() throws Exception {
        Session s = connect();
        Session other = connect();
        try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest();
                WebSocketTunnel otherHost = other.host(); WebSocketTunnel otherGuest = other.guest()) {
            guest.sendRaw(new byte[] {1, 99, 0, 0, 0, 0, 0, 0});
            assertEquals(DisconnectReason.PROTOCOL_ERROR, guest.await(Message.Disconnect.class, WAIT).reason());
            assertEquals(DisconnectReason.LOST, host.await(Message.Disconnect.class, WAIT).reason(), "the end user is told");
            assertTrue(HostTunnelIT.waitFor(() -> "lost".equals(
                    HelpDesk.admin().get("/api/call-records/" + s.id()).json().getString("endReason", null))));
            otherGuest.send(new Message.Ping(7));
            assertEquals(7, otherGuest.await(Message.Pong.class, WAIT).nonce(), "another session goes on");
            otherHost.send(new Message.Ping(8));
            assertEquals(8, otherHost.await(Message.Pong.class, WAIT).nonce());
        }
    }

    @Test
    void onlyTheTechnicianWhoClaimedTheRequestMayOpenItsGuestTunnel() throws Exception {
        Session s = connect();
        try (WebSocketTunnel host = s.host(); WebSocketTunnel guest = s.guest()) {
            Api carol = HelpDesk.as(HelpDesk.account("carol", "technician"));
            try (WebSocketTunnel intruder = guestTunnel(carol, s.id())) {
                WebSocketTunnel.Event e = intruder.next(WAIT);
                assertInstanceOf(WebSocketTunnel.Closed.class, e);
                assertEquals(1008, ((WebSocketTunnel.Closed) e).code());
            }
            // The real session is untouched.
            guest.send(new Message.Ping(42));
            assertEquals(42, guest.await(Message.Pong.class, WAIT).nonce());
            host.send(new Message.Ping(43));
            assertEquals(43, host.await(Message.Pong.class, WAIT).nonce());
            assertFalse(HelpDesk.admin().get("/api/call-records/" + s.id()).json().containsKey("outcome"));
        }
    }
}
