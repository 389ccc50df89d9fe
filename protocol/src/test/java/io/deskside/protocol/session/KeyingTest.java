package io.deskside.protocol.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.crypto.KeyExchangeFailed;
import io.deskside.protocol.crypto.TicketKeyExchange;
import io.deskside.protocol.ticket.TicketSecret;
import io.deskside.protocol.wire.Message.KeyExchange;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyingTest {

    private static final SessionContext TICKET = SessionContext.ofTicket(41, "123");
    private static final SessionContext SERVICE = new SessionContext(42, SessionContext.Kind.SERVICE, "Payroll");

    /** Relays each side's messages to the other in order, as the gateway does, until both are done or quiet. */
    private static void run(Keying host, Keying guest) throws KeyExchangeFailed {
        Deque<KeyExchange> toGuest = new ArrayDeque<>(host.start());
        Deque<KeyExchange> toHost = new ArrayDeque<>(guest.start());
        while (!toGuest.isEmpty() || !toHost.isEmpty()) {
            if (!toGuest.isEmpty()) {
                toHost.addAll(guest.received(toGuest.poll()));
            }
            if (!toHost.isEmpty()) {
                toGuest.addAll(host.received(toHost.poll()));
            }
        }
    }

    @Test
    void aTicketSessionsTwoSidesAgreeOnTheSameKeys() throws KeyExchangeFailed {
        TicketSecret secret = TicketSecret.of("482193");
        Keying host = Keying.ticket(TicketKeyExchange.Side.HOST, secret, TICKET);
        Keying guest = Keying.ticket(TicketKeyExchange.Side.GUEST, secret, TICKET);
        run(host, guest);
        assertTrue(host.done() && guest.done());
        assertEquals(host.keys().verificationCode(), guest.keys().verificationCode());
        byte[] sealed = host.keys().forHost().seal(3, new byte[] {1, 2, 3});
        assertEquals(3, assertDoesOpen(guest, sealed).length);
    }

    private static byte[] assertDoesOpen(Keying guest, byte[] sealed) {
        try {
            return guest.keys().forGuest().open(3, sealed);
        } catch (Exception e) {
            throw new AssertionError("the Guest could not open the Host's record", e);
        }
    }

    @Test
    void aWrongTicketFailsTheExchangeOnBothSides() {
        Keying host = Keying.ticket(TicketKeyExchange.Side.HOST, TicketSecret.of("482193"), TICKET);
        Keying guest = Keying.ticket(TicketKeyExchange.Side.GUEST, TicketSecret.of("482194"), TICKET);
        assertThrows(KeyExchangeFailed.class, () -> run(host, guest));
        assertFalse(host.done());
        assertFalse(guest.done());
    }

    @Test
    void aHelpServiceSessionsTwoSidesShowTheSameVerificationCode() throws KeyExchangeFailed {
        Keying host = Keying.serviceHost(SERVICE);
        Keying guest = Keying.serviceGuest(SERVICE);
        assertEquals(List.of(), guest.start(), "the Guest answers the Host's commitment; it never speaks first");
        run(host, guest);
        assertTrue(host.done() && guest.done());
        assertEquals(host.keys().verificationCode(), guest.keys().verificationCode());
    }

    @Test
    void aRoundOutOfTurnOrAfterTheEndFailsTheExchange() throws KeyExchangeFailed {
        Keying guest = Keying.serviceGuest(SERVICE);
        // The Host's reveal before its commitment: a middleman hoping to skip the commitment.
        assertThrows(KeyExchangeFailed.class, () -> guest.received(new KeyExchange(3, new byte[64])));

        Keying host = Keying.ticket(TicketKeyExchange.Side.HOST, TicketSecret.of("111111"), TICKET);
        Keying peer = Keying.ticket(TicketKeyExchange.Side.GUEST, TicketSecret.of("111111"), TICKET);
        run(host, peer);
        assertThrows(KeyExchangeFailed.class, () -> host.received(new KeyExchange(1, new byte[8])),
                "a replayed round after the exchange is done");
        assertThrows(IllegalStateException.class, () -> Keying.serviceHost(SERVICE).keys());
    }

    @Test
    void twoSidesToldDifferentSessionsFailTheExchange() {
        TicketSecret secret = TicketSecret.of("482193");
        Keying host = Keying.ticket(TicketKeyExchange.Side.HOST, secret, TICKET);
        Keying guest = Keying.ticket(TicketKeyExchange.Side.GUEST, secret, SessionContext.ofTicket(43, "123"));
        assertThrows(KeyExchangeFailed.class, () -> run(host, guest));
    }
}
