package io.deskside.gateway.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.gateway.config.GatewaySettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void theDefaultHashIsSaltedSlowAndSelfDescribing() {
        int rounds = GatewaySettings.from(k -> null).passwordIterations();
        String hash = new PasswordHasher(rounds).hash("correct horse".toCharArray());
        assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
        assertTrue(PasswordHasher.matches("correct horse".toCharArray(), hash));
        assertFalse(PasswordHasher.matches("correct horse!".toCharArray(), hash));
        assertNotEquals(hash, new PasswordHasher(rounds).hash("correct horse".toCharArray()), "salted");
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        for (String stored : new String[] {null, "", "plain", "pbkdf2-sha256$x$y$z", "md5$1$2$3"}) {
            assertFalse(PasswordHasher.matches("x".toCharArray(), stored));
        }
    }

    @Test
    void rememberedCredentialsExpireAndAreForgotten() {
        var clock = new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
        Clock c = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return clock.get();
            }
        };
        VerifiedCredentials v = new VerifiedCredentials(c);
        v.remember("bob", "secret-one".toCharArray());
        assertTrue(v.knows("bob", "secret-one".toCharArray()));
        assertFalse(v.knows("bob", "secret-two".toCharArray()));
        clock.set(clock.get().plus(VerifiedCredentials.TTL).plusSeconds(1));
        assertFalse(v.knows("bob", "secret-one".toCharArray()), "expired");
        v.remember("bob", "secret-one".toCharArray());
        v.forget("bob");
        assertFalse(v.knows("bob", "secret-one".toCharArray()), "forgotten on password change");
    }
}
