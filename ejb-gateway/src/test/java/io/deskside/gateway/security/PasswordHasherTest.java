package io.deskside.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        Actor bob = new Actor(7, "bob", "Bob", java.util.Set.of(io.deskside.persistence.technician.Role.technician));
        v.remember("bob", "secret-one".toCharArray(), bob);
        assertEquals(bob, v.account("bob", "secret-one".toCharArray()).orElseThrow());
        assertEquals(bob, v.recent("bob").orElseThrow(), "the account behind a login just authenticated");
        assertTrue(v.account("bob", "secret-two".toCharArray()).isEmpty(), "a wrong password opens nothing");
        assertTrue(v.recent("carol").isEmpty());
        clock.set(clock.get().plus(VerifiedCredentials.TTL).plusSeconds(1));
        assertTrue(v.account("bob", "secret-one".toCharArray()).isEmpty(), "expired");
        assertTrue(v.recent("bob").isEmpty(), "expired");
        v.remember("bob", "secret-one".toCharArray(), bob);
        v.forget("bob");
        assertTrue(v.account("bob", "secret-one".toCharArray()).isEmpty(), "forgotten when the account changes");
        assertTrue(v.recent("bob").isEmpty(), "forgotten when the account changes");
    }
}
