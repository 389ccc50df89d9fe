package io.deskside.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aMinutesWorthAtOnceThenOneEveryShare() {
        RateLimiter limiter = new RateLimiter(6);
        for (int i = 0; i < 6; i++) {
            assertEquals(Duration.ZERO, limiter.take("a", T0), "ask " + i);
        }
        assertEquals(Duration.ofSeconds(10), limiter.take("a", T0), "the seventh waits for the next token");
        assertEquals(Duration.ofSeconds(4), limiter.take("a", T0.plusSeconds(6)));
        assertEquals(Duration.ZERO, limiter.take("a", T0.plusSeconds(10)));
        assertEquals(Duration.ofSeconds(10), limiter.take("a", T0.plusSeconds(10)), "only one was earned");
        assertEquals(Duration.ZERO, limiter.take("b", T0), "other keys have their own bucket");
    }

    @Test
    void aQuietKeyRefillsOnlyToAMinutesWorth() {
        RateLimiter limiter = new RateLimiter(3);
        for (int i = 0; i < 3; i++) {
            limiter.take("a", T0);
        }
        Instant later = T0.plus(Duration.ofHours(2));
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limiter.take("a", later));
        }
        assertEquals(Duration.ofSeconds(20), limiter.take("a", later));
    }

    @Test
    void partialTimeIsNotLost() {
        RateLimiter limiter = new RateLimiter(60);
        for (int i = 0; i < 60; i++) {
            limiter.take("a", T0);
        }
        // 1.5 s later one token is earned, and half of the next.
        assertEquals(Duration.ZERO, limiter.take("a", T0.plusMillis(1500)));
        assertEquals(Duration.ofMillis(500), limiter.take("a", T0.plusMillis(1500)));
    }
}
