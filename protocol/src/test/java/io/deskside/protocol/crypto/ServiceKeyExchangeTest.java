package io.deskside.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.crypto.TicketKeyExchange.Side;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServiceKeyExchangeTest {

    private static final byte[] CONTEXT = "service Online banking, request 41".getBytes(StandardCharsets.US_ASCII);

    @Test
    void bothSidesAgreeAndShowTheSameVerificationCode() throws Exception {
        ServiceKeyExchange host = new ServiceKeyExchange(Side.HOST, CONTEXT);
        ServiceKeyExchange guest = new ServiceKeyExchange(Side.GUEST, CONTEXT);
        byte[] h1 = host.round1();
        byte[] g1 = guest.round1();
        byte[] h2 = host.round2(g1);
        byte[] g2 = guest.round2(h1);
        SessionKeys hk = host.finish(g2);
        SessionKeys gk = guest.finish(h2);
        assertArrayEquals(hk.hostToGuest(), gk.hostToGuest());
        assertEquals(hk.verificationCode(), gk.verificationCode());
        assertTrue(hk.verificationCode().matches("\\d{3} \\d{3}"), hk.verificationCode());
        assertEquals("hello", new String(gk.forGuest().open(1, hk.forHost().seal(1, "hello".getBytes())), StandardCharsets.UTF_8));
    }

    @Test
    void aGatewayInTheMiddleShowsTwoDifferentCodes() throws Exception {
        ServiceKeyExchange host = new ServiceKeyExchange(Side.HOST, CONTEXT);
        ServiceKeyExchange guest = new ServiceKeyExchange(Side.GUEST, CONTEXT);
        ServiceKeyExchange fakeGuest = new ServiceKeyExchange(Side.GUEST, CONTEXT);
        ServiceKeyExchange fakeHost = new ServiceKeyExchange(Side.HOST, CONTEXT);
        // The gateway answers each side with a key of its own.
        byte[] toHost = host.round2(fakeGuest.round1());
        byte[] fakeGuestConfirm = fakeGuest.round2(host.round1());
        byte[] toGuest = guest.round2(fakeHost.round1());
        byte[] fakeHostConfirm = fakeHost.round2(guest.round1());
        SessionKeys hostSide = host.finish(fakeGuestConfirm);
        SessionKeys guestSide = guest.finish(fakeHostConfirm);
        fakeGuest.finish(toHost);
        fakeHost.finish(toGuest);
        assertNotEquals(hostSide.verificationCode(), guestSide.verificationCode(),
                "the end user and the technician see different codes and stop");
    }

    @Test
    void aChangedMessageFailsConfirmation() throws Exception {
        ServiceKeyExchange host = new ServiceKeyExchange(Side.HOST, CONTEXT);
        ServiceKeyExchange guest = new ServiceKeyExchange(Side.GUEST, CONTEXT);
        byte[] h2 = host.round2(guest.round1());
        guest.round2(host.round1());
        h2[0] ^= 1;
        assertThrows(KeyExchangeFailed.class, () -> guest.finish(h2));
        assertThrows(KeyExchangeFailed.class, () -> new ServiceKeyExchange(Side.HOST, CONTEXT).round2(new byte[44]));
        assertThrows(KeyExchangeFailed.class, () -> new ServiceKeyExchange(Side.HOST, CONTEXT).round2(new byte[3]));
        assertThrows(KeyExchangeFailed.class, () -> new ServiceKeyExchange(Side.HOST, CONTEXT).finish(new byte[32]));
    }
}
