package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.crypto.KeyExchangeFailed;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.crypto.TicketKeyExchange;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.TicketCode;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the gateway holds cannot open a session: everything it relayed (every key-exchange
 * message and sealed record, captured at both ends) plus a full dump of its database, even with
 * the ticket's secret digits handed to the attacker afterwards, does not give the session keys.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CaptureIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aFullCaptureAndADatabaseDumpCannotDecryptASession() throws Exception {
        String login = HelpDesk.account("bob", "technician");
        Api bob = HelpDesk.as(login);
        TicketCode code = TicketCode.parse(bob.post("/api/tickets", "{\"secret\":\"server\"}").json().getString("code"));
        try (GatewayTunnel host = GatewayTunnel.open(TransportsIT.hostOptions(TransportsIT.HOST_ENDPOINT, Mode.WEBSOCKET))) {
            host.send(new Message.HelpRequest(true, code.routing().digits(), "ann@pc-17", ""));
            assertNotNull(host.await(Message.Status.class, TransportsIT.WAIT));
            long id = QueueClaimIT.waiting(bob).get(0);
            assertEquals(200, bob.post("/api/queue/" + id + "/claim", null).status());
            assertNotNull(host.await(Message.ConfirmRequest.class, TransportsIT.WAIT));
            try (GatewayTunnel guest = TransportsIT.guest(bob, id, Mode.WEBSOCKET)) {
                host.send(new Message.ConfirmAnswer(true));
                SessionContext context = guest.await(Message.Session.class, TransportsIT.WAIT).context();
                assertEquals(context, host.await(Message.Session.class, TransportsIT.WAIT).context());

                // The exchange, recording every message the gateway relayed.
                List<byte[]> relayed = new java.util.ArrayList<>();
                TicketKeyExchange h = new TicketKeyExchange(TicketKeyExchange.Side.HOST, code.secret(), context);
                TicketKeyExchange g = new TicketKeyExchange(TicketKeyExchange.Side.GUEST, code.secret(), context);
                byte[][] hostSaid = new byte[3][];
                host.send(new Message.KeyExchange(1, hostSaid[0] = h.round1()));
                guest.send(new Message.KeyExchange(1, g.round1()));
                byte[] g1 = host.await(Message.KeyExchange.class, TransportsIT.WAIT).body();
                hostSaid[0] = guest.await(Message.KeyExchange.class, TransportsIT.WAIT).body();
                host.send(new Message.KeyExchange(2, h.round2(g1)));
                guest.send(new Message.KeyExchange(2, g.round2(hostSaid[0])));
                byte[] g2 = host.await(Message.KeyExchange.class, TransportsIT.WAIT).body();
                hostSaid[1] = guest.await(Message.KeyExchange.class, TransportsIT.WAIT).body();
                host.send(new Message.KeyExchange(3, h.round3(g2)));
                guest.send(new Message.KeyExchange(3, g.round3(hostSaid[1])));
                byte[] g3 = host.await(Message.KeyExchange.class, TransportsIT.WAIT).body();
                hostSaid[2] = guest.await(Message.KeyExchange.class, TransportsIT.WAIT).body();
                SessionKeys hk = h.finish(g3);
                SessionKeys gk = g.finish(hostSaid[2]);
                relayed.addAll(List.of(hostSaid[0], hostSaid[1], hostSaid[2], g1, g2, g3));
                List<byte[]> sessionKeys = List.of(hk.hostToGuest(), hk.guestToHost());

                guest.send(new Message.Credit(1, 1 << 20));
                assertNotNull(host.await(Message.Credit.class, TransportsIT.WAIT));
                byte[] secretScreen = "ACCOUNT 4711-0815 BALANCE 1,000,000.00 PIN 2468".getBytes(StandardCharsets.UTF_8);
                host.send(new Message.Data(1, hk.forHost().seal(1, secretScreen)));
                byte[] captured = guest.await(Message.Data.class, TransportsIT.WAIT).sealed();
                relayed.add(captured);
                assertArrayEquals(secretScreen, gk.forGuest().open(1, captured), "the real Guest reads it");

                // The gateway's side: the relayed bytes and the whole database.
                String dump = Api.anonymous().get(Deployments.FIXTURE_CONTEXT + "/db/dump").body();
                assertTrue(dump.contains("CREATE"), "the dump is the real database");
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                relayed.forEach(all::writeBytes);
                all.writeBytes(dump.getBytes(StandardCharsets.UTF_8));
                String haystack = HexFormat.of().formatHex(all.toByteArray()) + dump;
                for (byte[] key : sessionKeys) {
                    assertFalse(haystack.contains(HexFormat.of().formatHex(key)), "a session key appears in the capture or the dump");
                }
                assertFalse(haystack.contains(HexFormat.of().formatHex(secretScreen)), "the screen travels sealed");
                assertFalse(dump.contains("4711-0815"), "the screen's content is in no table");

                // An attacker with everything above, and even the ticket's six digits, replays the
                // Host's messages into a J-PAKE of its own: without the Host's ephemeral secrets it
                // cannot finish, and no key it could make opens the captured record.
                TicketKeyExchange attacker = new TicketKeyExchange(TicketKeyExchange.Side.GUEST, code.secret(), context);
                attacker.round1();
                attacker.round2(hostSaid[0]);
                assertThrows(KeyExchangeFailed.class, () -> {
                    attacker.round3(hostSaid[1]);
                    attacker.finish(hostSaid[2]);
                }, "the Host's messages were bound to the real Guest's exchange, not the attacker's");
                SessionKeys forged = SessionKeys.derive(new byte[32], context.bytes());
                assertThrows(ProtocolException.class, () -> forged.forGuest().open(1, captured));
                host.send(new Message.Disconnect(DisconnectReason.HOTKEY, "F12"));
                assertNotNull(guest.await(Message.Disconnect.class, TransportsIT.WAIT));
            }
        }
    }
}
