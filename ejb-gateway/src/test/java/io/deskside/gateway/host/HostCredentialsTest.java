package io.deskside.gateway.host;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostCredentialsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final byte[] OTHER = "fedcba9876543210fedcba9876543210".getBytes();
    private static final long NOW = 1_790_000_000L;

    @Test
    void aCredentialSignedWithALiveKeyOpensUntilItExpires() {
        String c = HostCredentials.sign(KEY, 3, NOW + 60);
        assertNull(HostCredentials.refusal(Map.of(3L, KEY), c, NOW));
        assertNull(HostCredentials.refusal(Map.of(3L, KEY), c, NOW + 59));
        assertTrue(HostCredentials.refusal(Map.of(3L, KEY), c, NOW + 60).contains("expired"));
    }

    @Test
    void aRetiredKeyOrAnotherDeploymentsKeyOpensNothing() {
        String c = HostCredentials.sign(KEY, 3, NOW + 60);
        assertTrue(HostCredentials.refusal(Map.of(4L, OTHER), c, NOW).contains("revoked"), "after rotation");
        assertTrue(HostCredentials.refusal(Map.of(3L, OTHER), c, NOW).contains("revoked"), "another deployment's key 3");
    }

    @Test
    void aCredentialWhoseExpiryWasMovedOnIsRefused() {
        String c = HostCredentials.sign(KEY, 3, NOW + 60);
        String later = c.replace("." + (NOW + 60) + ".", "." + (NOW + 999_999) + ".");
        assertNotNull(HostCredentials.refusal(Map.of(3L, KEY), later, NOW + 100));
    }

    @Test
    void anythingElseIsRefusedWithWordsForTheUser() {
        Map<Long, byte[]> keys = Map.of(3L, KEY);
        String good = HostCredentials.sign(KEY, 3, NOW + 60);
        for (String bad : new String[] {null, "", "h1", "h1.3", "h1.3.x.y", "h2" + good.substring(2), good + ".", good + "x",
                good.substring(0, good.length() - 1), "h1.-3." + (NOW + 60) + ".abc", "h1.03." + (NOW + 60) + ".abc",
                "h1.3." + (NOW + 60) + "." + "A".repeat(200), good.replace("h1.3.", "h1.+3.")}) {
            String why = HostCredentials.refusal(keys, bad, NOW);
            assertNotNull(why, "refused: " + bad);
            assertTrue(why.contains("download"), why);
        }
    }
}
