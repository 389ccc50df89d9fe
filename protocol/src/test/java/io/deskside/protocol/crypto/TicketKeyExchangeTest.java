package io.deskside.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deskside.protocol.crypto.TicketKeyExchange.Side;
import io.deskside.protocol.ticket.TicketSecret;
import io.deskside.protocol.wire.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TicketKeyExchangeTest {

    private static final byte[] CONTEXT = "routing 123, request 41".getBytes(StandardCharsets.US_ASCII);

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
        assertArrayEquals(keys[0].hostToGuest(), keys[1].hostToGuest());
        assertArrayEquals(keys[0].guestToHost(), keys[1].guestToHost());
        assertEquals(keys[0].verificationCode(), keys[1].verificationCode());
        assertEquals(32, keys[0].hostToGuest().length);

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

    @Test
    void differentContextsGiveDifferentKeys() throws Exception {
        TicketSecret s = TicketSecret.of("456789");
        SessionKeys a = exchange(new TicketKeyExchange(Side.HOST, s, CONTEXT), new TicketKeyExchange(Side.GUEST, s, CONTEXT), (r, m) -> m)[0];
        SessionKeys b = exchange(new TicketKeyExchange(Side.HOST, s, "other".getBytes()),
                new TicketKeyExchange(Side.GUEST, s, "other".getBytes()), (r, m) -> m)[0];
        assertThrows(AssertionError.class, () -> assertArrayEquals(a.hostToGuest(), b.hostToGuest()));
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
        byte[] third = host.seal(1, new byte[] {3});
        assertArrayEquals(new byte[] {2}, guest.open(1, second));
        assertEquals(ProtocolException.Reason.OUT_OF_ORDER, assertThrows(ProtocolException.class, () -> guest.open(1, first)).reason());
        assertThrows(ProtocolException.class, () -> guest.open(1, second), "replay");
        assertThrows(ProtocolException.class, () -> guest.open(2, third), "moved to another stream");
        assertThrows(ProtocolException.class, () -> guest.open(1, flip(host.seal(1, new byte[] {4}))), "altered");
        assertThrows(ProtocolException.class, () -> guest.open(1, new byte[5]), "too short");
        assertThrows(ProtocolException.class, () -> host.open(1, host.seal(1, new byte[] {5})), "own key cannot open");
    }

    private static byte[] flip(byte[] m) {
        byte[] c = m.clone();
        c[c.length - 1] ^= 1;
        return c;
    }
}
