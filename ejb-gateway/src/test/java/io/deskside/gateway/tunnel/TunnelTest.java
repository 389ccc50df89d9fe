package io.deskside.gateway.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.wire.Message;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TunnelTest {

    static Tunnel tunnel(byte[] secret) {
        return new Tunnel(null, "00112233aabbccdd", secret, Message.Role.GUEST, "bob#7", 1 << 20, 8192);
    }

    /**
     * A tunnel is registered before its first transport attaches (the opener checks the database
     * in between). The sweeper must not take it for one gone past the grace period: it did, once,
     * and a Guest that had just been welcomed was closed at once.
     */
    @Test
    void aTunnelBeingOpenedHasNotBeenGoneForLong() {
        Tunnel t = tunnel(new byte[32]);
        long gone = t.detachedFor(System.nanoTime());
        assertTrue(gone >= 0 && gone < TimeUnit.SECONDS.toNanos(1), "gone for " + gone + " ns");
    }

    @Test
    void onlyTheRightSecretRoleAndOwnerOpenATunnel() {
        byte[] secret = new byte[32];
        secret[5] = 9;
        Tunnel t = tunnel(secret);
        String token = t.token();
        assertEquals("00112233aabbccdd", token.substring(0, token.indexOf('.')));
        byte[] presented = Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1));
        assertTrue(t.opens(presented, Message.Role.GUEST, "bob#7"));
        assertFalse(t.opens(presented, Message.Role.HOST, "bob#7"), "a Host cannot take a Guest's tunnel");
        assertFalse(t.opens(presented, Message.Role.GUEST, "carol#7"), "nor another technician");
        presented[5] = 8;
        assertFalse(t.opens(presented, Message.Role.GUEST, "bob#7"), "nor a wrong secret");
    }
}
