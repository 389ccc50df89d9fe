package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.StallingRelay;
import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.crypto.SealedChannel;
import io.deskside.protocol.crypto.ServiceKeyExchange;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.crypto.TicketKeyExchange;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.TicketCode;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whole help sessions over each transport, Host and Guest driven by the real client tunnel
 * ({@link GatewayTunnel}): the ticket flow and the help-service flow over WebSocket, HTTP
 * streaming and HTTP transaction mode; a WebSocket that stalls mid-session falls back to
 * transaction mode with nothing lost or doubled; a cut transport comes back within the grace
 * period and the session goes on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransportsIT {

    static final URI HOST_ENDPOINT = URI.create(Api.BASE + "/tunnel");
    static final Duration WAIT = Duration.ofSeconds(15);
    static final int SCREEN = 1;
    static final int CHAT = 3;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    record Session(long id, String technician, GatewayTunnel host, GatewayTunnel guest, SealedChannel hostChannel,
            SealedChannel guestChannel) {
    }

    static GatewayTunnel.Options hostOptions(URI endpoint, Mode... modes) {
        return GatewayTunnel.Options.of(endpoint, Message.Role.HOST, "Deskside Host test").credential(HelpDesk.hostCredential()).direct().modes(modes);
    }

    static GatewayTunnel guest(Api technician, long id, Mode... modes) throws Exception {
        URI endpoint = URI.create(Api.BASE + "/api/sessions/" + id + "/tunnel");
        return GatewayTunnel.open(GatewayTunnel.Options.of(endpoint, Message.Role.GUEST, "Deskside Guest test").direct()
                .modes(modes).headers(Map.of("Authorization", technician.authorization())));
    }

    /** A ticket session over the given transports, through the J-PAKE exchange. */
    static Session ticketSession(GatewayTunnel.Options hostOptions, Mode guestMode) throws Exception {
        String login = HelpDesk.account("bob", "technician");
        Api bob = HelpDesk.as(login);
        TicketCode code = TicketCode.parse(bob.post("/api/tickets", "{\"secret\":\"server\"}").json().getString("code"));
        GatewayTunnel host = GatewayTunnel.open(hostOptions);
        host.send(new Message.HelpRequest(true, code.routing().digits(), "ann@pc-17", "The printer is on fire"));
        assertEquals(Message.Status.State.WAITING, host.await(Message.Status.class, WAIT).state());
        long id = QueueClaimIT.waiting(bob).get(0);
        assertEquals(200, bob.post("/api/queue/" + id + "/claim", null).status());
        assertNotNull(host.await(Message.ConfirmRequest.class, WAIT));
        GatewayTunnel guest = guest(bob, id, guestMode);
        assertEquals(Message.Status.State.CONFIRMING, guest.await(Message.Status.class, WAIT).state());
        host.send(new Message.ConfirmAnswer(true));
        SessionContext hostContext = host.await(Message.Session.class, WAIT).context();
        assertEquals(Message.Status.State.CONNECTED, host.await(Message.Status.class, WAIT).state());
        SessionContext guestContext = guest.await(Message.Session.class, WAIT).context();
        assertEquals(Message.Status.State.CONNECTED, guest.await(Message.Status.class, WAIT).state());
        assertEquals(SessionContext.ofTicket(id, code.routing().digits()), hostContext, "the Host is told its own request");
        assertEquals(hostContext, guestContext, "both sides are told the same session");

        TicketKeyExchange h = new TicketKeyExchange(TicketKeyExchange.Side.HOST, code.secret(), hostContext);
        TicketKeyExchange g = new TicketKeyExchange(TicketKeyExchange.Side.GUEST, code.secret(), guestContext);
        host.send(new Message.KeyExchange(1, h.round1()));
        guest.send(new Message.KeyExchange(1, g.round1()));
        byte[] g1 = host.await(Message.KeyExchange.class, WAIT).body();
        byte[] h1 = guest.await(Message.KeyExchange.class, WAIT).body();
        host.send(new Message.KeyExchange(2, h.round2(g1)));
        guest.send(new Message.KeyExchange(2, g.round2(h1)));
        byte[] g2 = host.await(Message.KeyExchange.class, WAIT).body();
        byte[] h2 = guest.await(Message.KeyExchange.class, WAIT).body();
        host.send(new Message.KeyExchange(3, h.round3(g2)));
        guest.send(new Message.KeyExchange(3, g.round3(h2)));
        SessionKeys hk = h.finish(host.await(Message.KeyExchange.class, WAIT).body());
        SessionKeys gk = g.finish(guest.await(Message.KeyExchange.class, WAIT).body());
        return new Session(id, login, host, guest, hk.forHost(), gk.forGuest());
    }

    /** Sends {@code count} numbered screen updates of about 20 KB from the Host; the Guest opens each, in order. */
    static void screensFlow(Session s, int count, Runnable midway) throws Exception {
        s.guest().send(new Message.Credit(SCREEN, 4L << 20));
        assertNotNull(s.host().await(Message.Credit.class, WAIT));
        Random random = new Random(count);
        byte[][] sent = new byte[count][];
        for (int i = 0; i < count; i++) {
            byte[] update = new byte[20_000];
            random.nextBytes(update);
            ByteBuffer.wrap(update).putInt(i);
            sent[i] = update;
            s.host().send(new Message.Data(SCREEN, s.hostChannel().seal(SCREEN, update)));
            if (i == count / 3 && midway != null) {
                midway.run();
            }
        }
        for (int i = 0; i < count; i++) {
            Message.Data d = s.guest().await(Message.Data.class, WAIT);
            assertNotNull(d, "screen update " + i + " arrived");
            // The channel refuses a replayed or reordered record: a doubled or skipped one fails here.
            assertArrayEquals(sent[i], s.guestChannel().open(SCREEN, d.sealed()), "screen update " + i);
        }
    }

    /** The technician chats back; the Host opens each line, in order. */
    static void chatFlow(Session s, int count) throws Exception {
        s.host().send(new Message.Credit(CHAT, 64 * 1024));
        assertNotNull(s.guest().await(Message.Credit.class, WAIT), () -> s.host() + " " + s.guest());
        for (int i = 0; i < count; i++) {
            s.guest().send(new Message.Data(CHAT, s.guestChannel().seal(CHAT, ("line " + i).getBytes(StandardCharsets.UTF_8))));
        }
        for (int i = 0; i < count; i++) {
            Message.Data d = s.host().await(Message.Data.class, WAIT);
            assertNotNull(d, "chat line " + i + " arrived");
            assertEquals("line " + i, new String(s.hostChannel().open(CHAT, d.sealed()), StandardCharsets.UTF_8));
        }
    }

    static void endWithHotkey(Session s) throws Exception {
        s.host().send(new Message.Disconnect(DisconnectReason.HOTKEY, "F12"));
        assertEquals(DisconnectReason.HOTKEY, s.guest().await(Message.Disconnect.class, WAIT).reason(), "the technician is told");
        assertTrue(HostTunnelIT.waitFor(() -> "hotkey".equals(
                HelpDesk.admin().get("/api/call-records/" + s.id()).json().getString("endReason", null))));
    }

    private void ticketSessionOver(Mode mode) throws Exception {
        Session s = ticketSession(hostOptions(HOST_ENDPOINT, mode), mode);
        try (GatewayTunnel host = s.host(); GatewayTunnel guest = s.guest()) {
            assertEquals(mode, host.mode());
            assertEquals(mode, guest.mode());
            screensFlow(s, 30, null);
            chatFlow(s, 20);
            endWithHotkey(s);
            JsonObject record = HelpDesk.admin().get("/api/call-records/" + s.id()).json();
            assertTrue(record.getJsonNumber("bytesToGuest").longValue() > 30 * 20_000, record.toString());
            assertEquals(1, host.transports(), "one transport carried the whole session");
        }
    }

    @Test
    void aTicketSessionOverWebSocket() throws Exception {
        ticketSessionOver(Mode.WEBSOCKET);
    }

    @Test
    void aTicketSessionOverHttpStreaming() throws Exception {
        ticketSessionOver(Mode.STREAMING);
    }

    @Test
    void aTicketSessionOverHttpTransactions() throws Exception {
        ticketSessionOver(Mode.TRANSACTION);
    }

    @Test
    void aHelpServiceSessionOverEachTransportShowsMatchingCodes() throws Exception {
        for (Mode mode : Mode.values()) {
            String login = HelpDesk.account("dan", "technician");
            Api dan = HelpDesk.as(login);
            String service = HelpDesk.service(List.of(login));
            try (GatewayTunnel host = GatewayTunnel.open(hostOptions(HOST_ENDPOINT, mode))) {
                host.send(new Message.HelpRequest(false, service, "carl@laptop", "VPN down"));
                assertEquals(Message.Status.State.WAITING, host.await(Message.Status.class, WAIT).state(), mode.name());
                long id = QueueClaimIT.waiting(dan).get(0);
                assertEquals(200, dan.post("/api/queue/" + id + "/claim", null).status());
                assertNotNull(host.await(Message.ConfirmRequest.class, WAIT));
                try (GatewayTunnel guest = guest(dan, id, mode)) {
                    assertEquals(Message.Status.State.CONFIRMING, guest.await(Message.Status.class, WAIT).state());
                    host.send(new Message.ConfirmAnswer(true));
                    SessionContext guestContext = guest.await(Message.Session.class, WAIT).context();
                    assertEquals(Message.Status.State.CONNECTED, guest.await(Message.Status.class, WAIT).state(), mode.name());
                    SessionContext hostContext = host.await(Message.Session.class, WAIT).context();
                    assertEquals(SessionContext.ofService(id, service), hostContext);
                    // Commit, answer, open, confirm: four messages through the gateway, in turn.
                    ServiceKeyExchange.HostSide h = ServiceKeyExchange.host(hostContext);
                    ServiceKeyExchange.GuestSide g = ServiceKeyExchange.guest(guestContext);
                    host.send(new Message.KeyExchange(1, h.commitment()));
                    guest.send(new Message.KeyExchange(2, g.answer(guest.await(Message.KeyExchange.class, WAIT).body())));
                    host.send(new Message.KeyExchange(3, h.reveal(host.await(Message.KeyExchange.class, WAIT).body())));
                    ServiceKeyExchange.Finished gs = g.finish(guest.await(Message.KeyExchange.class, WAIT).body());
                    guest.send(new Message.KeyExchange(4, gs.confirmation()));
                    SessionKeys hs = h.finish(host.await(Message.KeyExchange.class, WAIT).body());
                    assertEquals(hs.verificationCode(), gs.keys().verificationCode(), "end user and technician read the same code");
                    host.send(new Message.Disconnect(DisconnectReason.HOST_ENDED, "thanks"));
                    assertEquals(DisconnectReason.HOST_ENDED, guest.await(Message.Disconnect.class, WAIT).reason(), mode.name());
                }
            }
        }
    }

    /** A relay in front of the gateway that can hang every connection open through it. */
    private static StallingRelay stallingRelay() throws IOException {
        URI gateway = URI.create(Api.BASE);
        return new StallingRelay(gateway.getHost(), gateway.getPort());
    }

    /** A ticket session whose Host reaches the gateway through {@code relay}: WebSocket, else transaction mode. */
    private static Session sessionThrough(StallingRelay relay) throws Exception {
        URI throughRelay = URI.create("http://127.0.0.1:" + relay.port() + "/tunnel");
        return ticketSession(hostOptions(throughRelay, Mode.WEBSOCKET, Mode.TRANSACTION), Mode.WEBSOCKET);
    }

    @Test
    void aWebSocketThatStallsMidSessionFallsBackToTransactionsWithNothingLostOrDoubled() throws Exception {
        try (StallingRelay relay = stallingRelay()) {
            Session s = sessionThrough(relay);
            try (GatewayTunnel host = s.host(); GatewayTunnel guest = s.guest()) {
                assertEquals(Mode.WEBSOCKET, host.mode());
                // A third of the way through 60 screen updates, the Host's WebSocket hangs.
                screensFlow(s, 60, relay::stall);
                assertEquals(Mode.TRANSACTION, host.mode(), "the Host moved to transaction mode");
                assertTrue(host.transports() >= 2);
                chatFlow(s, 20);
                assertFalse(HelpDesk.admin().get("/api/call-records/" + s.id()).json().containsKey("outcome"),
                        "the session never ended");
                endWithHotkey(s);
            }
        }
    }

    @Test
    void aWebSocketThatCarriedTheSessionForAWhileIsRetriedOnceBeforeFallingBack() throws Exception {
        try (StallingRelay relay = stallingRelay()) {
            Session s = sessionThrough(relay);
            try (GatewayTunnel host = s.host(); GatewayTunnel guest = s.guest()) {
                Thread.sleep(31_000); // the WebSocket has carried the session for more than 30 s
                screensFlow(s, 30, relay::stall);
                assertEquals(Mode.WEBSOCKET, host.mode(), "retried over WebSocket: a gateway too busy to answer looks like this");
                assertTrue(host.transports() >= 2);
                screensFlow(s, 30, relay::stall);
                assertEquals(Mode.TRANSACTION, host.mode(), "stalled again soon after: the Host falls back");
                chatFlow(s, 5);
                assertFalse(HelpDesk.admin().get("/api/call-records/" + s.id()).json().containsKey("outcome"),
                        "the session never ended");
                endWithHotkey(s);
            }
        }
    }

    @Test
    void aTechnicianWhoseAccountIsSwitchedOffLosesTheSessionAtOnce() throws Exception {
        Session s = ticketSession(hostOptions(HOST_ENDPOINT, Mode.WEBSOCKET), Mode.WEBSOCKET);
        try (GatewayTunnel host = s.host(); GatewayTunnel guest = s.guest()) {
            chatFlow(s, 3);
            long technician = HelpDesk.as(s.technician()).get("/api/me").json().getInt("id");
            assertEquals(200, HelpDesk.admin().put("/api/technicians/" + technician, "{\"active\":false}").status());
            Message.Disconnect toGuest = guest.await(Message.Disconnect.class, WAIT);
            assertNotNull(toGuest, "the technician is cut off");
            assertEquals(DisconnectReason.REVOKED, toGuest.reason());
            Message.Disconnect toHost = host.await(Message.Disconnect.class, WAIT);
            assertNotNull(toHost, "the end user is told");
            assertEquals(DisconnectReason.REVOKED, toHost.reason());
            assertTrue(HostTunnelIT.waitFor(() -> "revoked".equals(
                    HelpDesk.admin().get("/api/call-records/" + s.id()).json().getString("endReason", null))), "in the call record");
        }
    }

    @Test
    void cutTransportsComeBackWithinTheGracePeriodAndTheSessionGoesOn() throws Exception {
        for (Mode mode : Mode.values()) {
            Session s = ticketSession(hostOptions(HOST_ENDPOINT, mode), mode);
            try (GatewayTunnel host = s.host(); GatewayTunnel guest = s.guest()) {
                screensFlow(s, 9, () -> {
                    host.cut();
                    guest.cut();
                });
                assertEquals(mode, host.mode(), "a cut (not a stall) is retried over the same transport");
                assertTrue(HostTunnelIT.waitFor(() -> host.transports() >= 2 && guest.transports() >= 2), mode.name());
                chatFlow(s, 5);
                endWithHotkey(s);
                assertEquals("ended", HelpDesk.admin().get("/api/call-records/" + s.id()).json().getString("outcome"));
            }
        }
    }
}
