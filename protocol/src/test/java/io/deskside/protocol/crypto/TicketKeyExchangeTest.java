package io.deskside.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.crypto.TicketKeyExchange.Side;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.TicketSecret;
import io.deskside.protocol.wire.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TicketKeyExchangeTest {

    private static final SessionContext CONTEXT = SessionContext.ofTicket(41, "123");

    /** Runs the three rounds through a relay that may rewrite what passes. */
    private static SessionKeys[] exchange(TicketKeyExchange host, TicketKeyExchange guest, Relay relay) throws KeyExchangeFailed {
        byte[] h1 = relay.pass(1, host.round1());
        byte[] g1 = relay.pass(1, guest.round1());
        byte[] h2 = relay.pass(2, host.round2(g1));
        byte[] g2 = relay.pass(2, guest.round2(h1));
        byte[] h3 = relay.pass(3, host.round3(g2));
        byte[] g3 = relay.pass(3, guest.round3(h2));
        return new SessionKeys[] {host.finish(g3), guest.finish(h3)};
    }

    interface Relay {
        byte[] pass(int round, byte[] message);
    }

    @Test
    void bothSidesWithTheTicketSecretAgreeOnKeysAndCode() throws Exception {
        TicketSecret secret = TicketSecret.of("456789");
        SessionKeys[] keys = exchange(new TicketKeyExchange(Side.HOST, secret, CONTEXT),
                new TicketKeyExchange(Side.GUEST, TicketSecret.of("456789"), CONTEXT), (r, m) -> m);
        assertEquals(keys[0].verificationCode(), keys[1].verificationCode());

        SealedChannel host = keys[0].forHost();
        SealedChannel guest = keys[1].forGuest();
        byte[] record = host.seal(1, "the screen".getBytes(StandardCharsets.UTF_8));
        assertEquals("the screen", new String(guest.open(1, record), StandardCharsets.UTF_8));
        assertEquals("a click", new String(host.open(2, guest.seal(2, "a click".getBytes())), StandardCharsets.UTF_8));
    }

    @Test
    void aWrongSecretFailsAtKeyConfirmationOnBothSides() throws Exception {
        TicketKeyExchange host = new TicketKeyExchange(Side.HOST, TicketSecret.of("456789"), CONTEXT);
        TicketKeyExchange guest = new TicketKeyExchange(Side.GUEST, TicketSecret.of("456788"), CONTEXT);
        byte[] h1 = host.round1();
        byte[] g1 = guest.round1();
        byte[] h2 = host.round2(g1);
        byte[] g2 = guest.round2(h1);
        byte[] h3 = host.round3(g2);
        byte[] g3 = guest.round3(h2);
        assertThrows(KeyExchangeFailed.class, () -> host.finish(g3));
        assertThrows(KeyExchangeFailed.class, () -> guest.finish(h3));
    }

    @Test
    void aRelayThatSubstitutesItsOwnMessagesCannotSucceed() throws Exception {
        // The gateway runs its own exchange with each side, guessing the secret: it must fail.
        for (int round = 1; round <= 3; round++) {
            int target = round;
            TicketKeyExchange attacker = new TicketKeyExchange(Side.GUEST, TicketSecret.of("000000"), CONTEXT);
            TicketKeyExchange attackerHost = new TicketKeyExchange(Side.HOST, TicketSecret.of("000000"), CONTEXT);
            byte[][] forged = {attacker.round1(), attackerHost.round1()};
            assertThrows(KeyExchangeFailed.class, () -> exchange(
                    new TicketKeyExchange(Side.HOST, TicketSecret.of("456789"), CONTEXT),
                    new TicketKeyExchange(Side.GUEST, TicketSecret.of("456789"), CONTEXT),
                    (r, m) -> r == target ? (r == 1 ? forged[0] : flip(m)) : m), "tampering in round " + round);
        }
    }

    /**
     * A gateway that tells the two sides different sessions (another request id, another routing
     * group) makes the key exchange fail on both sides, which ends the session as
     * key_exchange_failed and burns the ticket; before, each side bound only its own KDF to the
     * context, the exchange "succeeded", and the records never opened.
     */
    @Test
    void twoSidesToldDifferentSessionsFailTheKeyExchangeOnBothSides() throws Exception {
        TicketSecret s = TicketSecret.of("456789");
        for (SessionContext other : new SessionContext[] {SessionContext.ofTicket(42, "123"), SessionContext.ofTicket(41, "124"),
                SessionContext.ofService(41, "123")}) {
            TicketKeyExchange host = new TicketKeyExchange(Side.HOST, s, CONTEXT);
            TicketKeyExchange guest = new TicketKeyExchange(Side.GUEST, s, other);
            byte[] h1 = host.round1();
            byte[] g1 = guest.round1();
            KeyExchangeFailed e = assertThrows(KeyExchangeFailed.class, () -> host.round2(g1), "the Host, told " + CONTEXT);
            assertTrue(e.getMessage().contains("different sessions"), e.getMessage());
            assertThrows(KeyExchangeFailed.class, () -> guest.round2(h1), "the Guest, told " + other);
        }
    }

    @Test
    void aSessionHandsOutItsChannelOnceSoNoNonceIsSealedTwice() throws Exception {
        TicketSecret s = TicketSecret.of("456789");
        SessionKeys[] keys = exchange(new TicketKeyExchange(Side.HOST, s, CONTEXT), new TicketKeyExchange(Side.GUEST, s, CONTEXT), (r, m) -> m);
        assertArrayEquals(keys[0].hostToGuest(), keys[1].hostToGuest(), "both sides derived the same keys");
        SealedChannel host = keys[0].forHost();
        assertThrows(IllegalStateException.class, keys[0]::forHost, "a second channel would seal from sequence 1 again");
        assertThrows(IllegalStateException.class, keys[0]::forGuest);
        assertThrows(IllegalStateException.class, keys[0]::hostToGuest, "the raw keys are gone once the channel has them");
        SealedChannel guest = keys[1].forGuest();
        assertArrayEquals(new byte[] {1}, guest.open(1, host.seal(1, new byte[] {1})));
    }

    /** A relay that deletes a record (a key press, a chat line) is caught at the next record. */
    @Test
    void aDroppedRecordIsRefusedAtTheNextOneAndTheChannelStaysClosed() throws Exception {
        TicketSecret s = TicketSecret.of("456789");
        SessionKeys[] keys = exchange(new TicketKeyExchange(Side.HOST, s, CONTEXT), new TicketKeyExchange(Side.GUEST, s, CONTEXT), (r, m) -> m);
        SealedChannel host = keys[0].forHost();
        SealedChannel guest = keys[1].forGuest();
        byte[] first = guest.seal(2, "key A".getBytes(StandardCharsets.UTF_8));
        guest.seal(2, "key B".getBytes(StandardCharsets.UTF_8)); // dropped on the way
        byte[] third = guest.seal(2, "Enter".getBytes(StandardCharsets.UTF_8));
        assertEquals("key A", new String(host.open(2, first), StandardCharsets.UTF_8));
        ProtocolException e = assertThrows(ProtocolException.class, () -> host.open(2, third));
        assertEquals(ProtocolException.Reason.OUT_OF_ORDER, e.reason());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertThrows(ProtocolException.class, () -> host.open(2, guest.seal(2, new byte[] {4})), "nothing opens after a refusal");
    }

    @Test
    void anExchangeThatFailedStaysFailed() throws Exception {
        TicketKeyExchange host = new TicketKeyExchange(Side.HOST, TicketSecret.of("456789"), CONTEXT);
        TicketKeyExchange guest = new TicketKeyExchange(Side.GUEST, TicketSecret.of("456789"), CONTEXT);
        host.round1();
        byte[] g1 = guest.round1();
        assertThrows(KeyExchangeFailed.class, () -> host.round2(new byte[] {6, 0, 1, 1}));
        KeyExchangeFailed again = assertThrows(KeyExchangeFailed.class, () -> host.round2(g1), "no second try with another message");
        assertTrue(again.getMessage().contains("failed already"), again.getMessage());
    }

    @Test
    void malformedMessagesAreRefusedNotThrown() {
        TicketKeyExchange host = new TicketKeyExchange(Side.HOST, TicketSecret.of("456789"), CONTEXT);
        host.round1();
        for (byte[] bad : new byte[][] {null, {}, {6}, {6, 0, 0}, {6, (byte) 0xFF, (byte) 0xFF, 1}, new byte[100_000]}) {
            assertThrows(KeyExchangeFailed.class, () -> host.round2(bad));
        }
    }

    @Test
    void sealedRecordsRefuseReplayReorderTamperingAndStreamMoves() throws Exception {
        TicketSecret s = TicketSecret.of("456789");
        SessionKeys[] keys = exchange(new TicketKeyExchange(Side.HOST, s, CONTEXT), new TicketKeyExchange(Side.GUEST, s, CONTEXT), (r, m) -> m);
        SealedChannel host = keys[0].forHost();
        SealedChannel guest = keys[1].forGuest();
        byte[] first = host.seal(1, new byte[] {1});
        byte[] second = host.seal(1, new byte[] {2});
        assertArrayEquals(new byte[] {1}, guest.open(1, first));
        assertArrayEquals(new byte[] {2}, guest.open(1, second));
        // Each refusal below is checked on a fresh pair of channels: a refusal closes a channel.
        assertRefused(s, (h, g) -> {
            byte[] a = h.seal(1, new byte[] {1});
            g.open(1, a);
            g.open(1, a);
        }, "replay");
        assertRefused(s, (h, g) -> {
            byte[] a = h.seal(1, new byte[] {1});
            byte[] b = h.seal(1, new byte[] {2});
            g.open(1, b);
            g.open(1, a);
        }, "reorder");
        assertRefused(s, (h, g) -> g.open(2, h.seal(1, new byte[] {3})), "moved to another stream");
        assertRefused(s, (h, g) -> g.open(1, flip(h.seal(1, new byte[] {4}))), "altered");
        assertRefused(s, (h, g) -> g.open(1, new byte[5]), "too short");
        assertRefused(s, (h, g) -> h.open(1, h.seal(1, new byte[] {5})), "own key cannot open");
    }

    interface ChannelAbuse {
        void run(SealedChannel host, SealedChannel guest) throws ProtocolException;
    }

    private static void assertRefused(TicketSecret s, ChannelAbuse abuse, String what) throws KeyExchangeFailed {
        SessionKeys[] keys = exchange(new TicketKeyExchange(Side.HOST, s, CONTEXT), new TicketKeyExchange(Side.GUEST, s, CONTEXT), (r, m) -> m);
        SealedChannel host = keys[0].forHost();
        SealedChannel guest = keys[1].forGuest();
        assertThrows(ProtocolException.class, () -> abuse.run(host, guest), what);
    }

    private static byte[] flip(byte[] m) {
        byte[] c = m.clone();
        c[c.length - 1] ^= 1;
        return c;
    }
}
