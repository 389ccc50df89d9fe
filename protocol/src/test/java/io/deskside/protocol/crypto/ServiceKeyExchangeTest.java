package io.deskside.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.session.SessionContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceKeyExchangeTest {

    private static final SessionContext CONTEXT = SessionContext.ofService(41, "Online banking");
    private static final int GRIND = 10_000;

    /** The four messages in order through a relay that passes them as they are. */
    private static SessionKeys[] honest(ServiceKeyExchange.HostSide host, ServiceKeyExchange.GuestSide guest) throws KeyExchangeFailed {
        byte[] guestKey = guest.answer(host.commitment());
        ServiceKeyExchange.Finished g = guest.finish(host.reveal(guestKey));
        return new SessionKeys[] {host.finish(g.confirmation()), g.keys()};
    }

    @Test
    void bothSidesAgreeAndShowTheSameVerificationCode() throws Exception {
        SessionKeys[] keys = honest(ServiceKeyExchange.host(CONTEXT), ServiceKeyExchange.guest(CONTEXT));
        assertEquals(keys[0].verificationCode(), keys[1].verificationCode());
        assertTrue(keys[0].verificationCode().matches("\\d{3} \\d{3}"), keys[0].verificationCode());
        SealedChannel host = keys[0].forHost();
        SealedChannel guest = keys[1].forGuest();
        assertEquals("hello", new String(guest.open(1, host.seal(1, "hello".getBytes())), StandardCharsets.UTF_8));
        assertEquals("a click", new String(host.open(2, guest.seal(2, "a click".getBytes())), StandardCharsets.UTF_8));
    }

    /**
     * The attack a review found on the first version of this exchange, where both public keys went
     * out in the clear: a gateway that has seen both grinds keys of its own for each side until the
     * two codes match. Here the middleman grinds 10,000 keys per side and, once it has seen all it
     * will see, finds a pair of its keys that would show both sides the same code (so the grind
     * would break an exchange without a commitment). It cannot use it: the Guest's side is fixed by
     * the commitment it had to make before it saw the Guest's key, the Host's side by the key it had
     * to send before the Host opened its own. Played out, the pair is refused, and the keys it is
     * bound to show different codes.
     */
    @Test
    void aMiddlemanGrindingTenThousandKeysPerSideNeverMakesBothSidesFinishWithEqualCodes() throws Exception {
        for (int session = 0; session < 2; session++) {
            ServiceKeyExchange.HostSide host = ServiceKeyExchange.host(CONTEXT);
            ServiceKeyExchange.GuestSide guest = ServiceKeyExchange.guest(CONTEXT);

            // Round 1: the Host's commitment. The middleman must commit towards the Guest before it
            // has seen a key; it makes its 10,000 fake Hosts now and commits with one of them.
            byte[] hostCommitment = host.commitment();
            ServiceKeyExchange.HostSide[] fakeHosts = new ServiceKeyExchange.HostSide[GRIND];
            byte[][] fakeCommitments = new byte[GRIND][];
            for (int i = 0; i < GRIND; i++) {
                fakeHosts[i] = ServiceKeyExchange.host(CONTEXT);
                fakeCommitments[i] = fakeHosts[i].commitment();
            }
            // Round 2: the Guest answers the commitment it got with its key; the middleman answers
            // the Host with one of 10,000 fake Guests (it cannot yet tell which would serve best).
            byte[] guestKey = guest.answer(fakeCommitments[0]);
            ServiceKeyExchange.GuestSide[] fakeGuests = new ServiceKeyExchange.GuestSide[GRIND];
            byte[][] fakeGuestKeys = new byte[GRIND][];
            for (int i = 0; i < GRIND; i++) {
                fakeGuests[i] = ServiceKeyExchange.guest(CONTEXT);
                fakeGuestKeys[i] = fakeGuests[i].answer(hostCommitment);
            }
            // Round 3: the Host opens its commitment. The middleman now knows every key there is and
            // grinds: the code each fake Guest would give the Host, against each fake Host's code
            // towards the Guest.
            byte[] hostReveal = host.reveal(fakeGuestKeys[0]);
            Map<String, Integer> towardsHost = new HashMap<>();
            for (int j = 0; j < GRIND; j++) {
                towardsHost.putIfAbsent(fakeGuests[j].codeWith(hostReveal), j);
            }
            int i = -1;
            int j = -1;
            for (int k = 0; k < GRIND && i < 0; k++) {
                Integer match = towardsHost.get(fakeHosts[k].codeWith(guestKey));
                if (match != null) {
                    i = k;
                    j = match;
                }
            }
            assertTrue(i >= 0, "10,000 keys a side find a pair with equal codes: without the commitment the middleman would win");

            // It plays the pair out: fake Host i opens towards the Guest, fake Guest j confirms to the Host.
            boolean guestFinished;
            String guestCode = null;
            try {
                guestCode = guest.finish(fakeHosts[i].reveal(guestKey)).keys().verificationCode();
                guestFinished = true;
            } catch (KeyExchangeFailed refused) {
                guestFinished = false;
            }
            boolean hostFinished;
            String hostCode = null;
            try {
                ServiceKeyExchange.Finished asGuest = fakeGuests[j].finish(hostReveal);
                hostCode = host.finish(asGuest.confirmation()).verificationCode();
                hostFinished = true;
            } catch (KeyExchangeFailed refused) {
                hostFinished = false;
            }
            assertTrue(!guestFinished || !hostFinished || !guestCode.equals(hostCode),
                    "both sides finished showing " + hostCode + " with a middleman in between");
            assertEquals(i == 0, guestFinished, "the Guest takes exactly the key the commitment was made to");
            assertEquals(j == 0, hostFinished, "the Host takes exactly the key it was sent");
        }
    }

    @Test
    void theGuestRefusesAKeyOtherThanTheOneTheCommitmentWasMadeTo() throws Exception {
        ServiceKeyExchange.HostSide host = ServiceKeyExchange.host(CONTEXT);
        ServiceKeyExchange.HostSide other = ServiceKeyExchange.host(CONTEXT);
        ServiceKeyExchange.GuestSide guest = ServiceKeyExchange.guest(CONTEXT);
        other.commitment();
        byte[] guestKey = guest.answer(host.commitment());
        host.reveal(guestKey);
        KeyExchangeFailed e = assertThrows(KeyExchangeFailed.class, () -> guest.finish(other.reveal(guestKey)));
        assertTrue(e.getMessage().contains("commitment"), e.getMessage());
    }

    @Test
    void aMiddlemanThatSwapsKeysHonestlyLeavesTwoDifferentCodes() throws Exception {
        ServiceKeyExchange.HostSide host = ServiceKeyExchange.host(CONTEXT);
        ServiceKeyExchange.GuestSide guest = ServiceKeyExchange.guest(CONTEXT);
        ServiceKeyExchange.HostSide fakeHost = ServiceKeyExchange.host(CONTEXT);
        ServiceKeyExchange.GuestSide fakeGuest = ServiceKeyExchange.guest(CONTEXT);
        byte[] guestKey = guest.answer(fakeHost.commitment());
        byte[] hostReveal = host.reveal(fakeGuest.answer(host.commitment()));
        ServiceKeyExchange.Finished guestSide = guest.finish(fakeHost.reveal(guestKey));
        ServiceKeyExchange.Finished asGuest = fakeGuest.finish(hostReveal);
        SessionKeys hostSide = host.finish(asGuest.confirmation());
        fakeHost.finish(guestSide.confirmation());
        assertNotEquals(hostSide.verificationCode(), guestSide.keys().verificationCode(),
                "the end user and the technician see different codes and stop");
    }

    @Test
    void aChangedMessageFailsTheExchange() throws Exception {
        for (int round = 1; round <= 4; round++) {
            ServiceKeyExchange.HostSide host = ServiceKeyExchange.host(CONTEXT);
            ServiceKeyExchange.GuestSide guest = ServiceKeyExchange.guest(CONTEXT);
            int changed = round;
            assertThrows(KeyExchangeFailed.class, () -> {
                byte[] guestKey = guest.answer(flipIf(changed == 1, host.commitment()));
                byte[] reveal = host.reveal(flipIf(changed == 2, guestKey));
                ServiceKeyExchange.Finished g = guest.finish(flipIf(changed == 3, reveal));
                host.finish(flipIf(changed == 4, g.confirmation()));
            }, "a change in round " + round);
        }
    }

    @Test
    void twoSidesToldDifferentSessionsFailTheExchange() throws Exception {
        ServiceKeyExchange.HostSide host = ServiceKeyExchange.host(CONTEXT);
        ServiceKeyExchange.GuestSide guest = ServiceKeyExchange.guest(SessionContext.ofService(42, "Online banking"));
        byte[] reveal = host.reveal(guest.answer(host.commitment()));
        assertThrows(KeyExchangeFailed.class, () -> guest.finish(reveal));
    }

    @Test
    void malformedOrOutOfTurnMessagesAreRefused() throws Exception {
        assertThrows(KeyExchangeFailed.class, () -> ServiceKeyExchange.guest(CONTEXT).answer(new byte[3]));
        assertThrows(KeyExchangeFailed.class, () -> ServiceKeyExchange.guest(CONTEXT).finish(new byte[108]), "before answering");
        ServiceKeyExchange.HostSide host = ServiceKeyExchange.host(CONTEXT);
        host.commitment();
        // A well-formed X25519 key whose point has small order (u = 0): the agreement would be all zeros.
        byte[] lowOrder = java.util.HexFormat.of().parseHex("302a300506032b656e032100" + "00".repeat(32));
        assertThrows(KeyExchangeFailed.class, () -> host.reveal(lowOrder), "a degenerate key");
        assertThrows(IllegalStateException.class, () -> host.reveal(ServiceKeyExchange.guest(CONTEXT).answer(new byte[32])),
                "one try at opening the commitment");
        assertThrows(KeyExchangeFailed.class, () -> ServiceKeyExchange.host(CONTEXT).finish(new byte[32]), "before the exchange");
        ServiceKeyExchange.GuestSide guest = ServiceKeyExchange.guest(CONTEXT);
        guest.answer(new byte[32]);
        assertThrows(KeyExchangeFailed.class, () -> guest.finish(new byte[5]));
        assertThrows(KeyExchangeFailed.class, () -> guest.finish(new byte[108]), "one try only");
    }

    private static byte[] flipIf(boolean flip, byte[] m) {
        if (!flip) {
            return m;
        }
        byte[] c = m.clone();
        c[c.length / 2] ^= 1;
        return c;
    }
}
