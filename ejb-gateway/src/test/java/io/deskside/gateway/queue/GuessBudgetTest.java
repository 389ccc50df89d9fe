package io.deskside.gateway.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GuessBudgetTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aMinutesWorthOfWrongTicketsFromAnywhereSpendsItAndThenEveryAskWaits() {
        GuessBudget b = new GuessBudget(30, T0);
        for (int i = 0; i < 29; i++) {
            assertEquals(Duration.ZERO, b.waitAt(T0));
            assertFalse(b.spend(T0), "guess " + (i + 1));
        }
        assertEquals(Duration.ZERO, b.waitAt(T0), "the thirtieth is still in hand");
        assertTrue(b.spend(T0), "the one that spends the budget sounds the alarm");
        assertEquals(Duration.ofSeconds(2), b.waitAt(T0), "one guess comes back every two seconds");
        assertEquals(Duration.ofSeconds(1), b.waitAt(T0.plusSeconds(1)), "the wait depends on the clock alone");
        assertEquals(Duration.ZERO, b.waitAt(T0.plusSeconds(2)));
    }

    /** Many addresses asking at the same moment: each takes its guess before its ticket is looked up. */
    @Test
    void guessesCheckedAtOnceCannotAllPassOnTheLastOneInHand() throws Exception {
        GuessBudget b = new GuessBudget(6, T0);
        for (int i = 0; i < 5; i++) {
            b.take(T0);
        }
        int admitted = 0;
        for (int i = 0; i < 50; i++) {
            admitted += b.take(T0).isZero() ? 1 : 0;
        }
        assertEquals(1, admitted, "fifty asks in flight, one guess left: one gets through");
        b.refund();
        assertEquals(Duration.ZERO, b.waitAt(T0), "a right ticket gives its guess back");
    }

    @Test
    void itSoundsTheAlarmAtMostOnceAMinute() {
        GuessBudget b = new GuessBudget(6, T0);
        int alarms = 0;
        for (int s = 0; s < 60; s++) {
            for (int i = 0; i < 3; i++) {
                alarms += b.spend(T0.plusSeconds(s)) ? 1 : 0;
            }
        }
        assertEquals(1, alarms);
        assertTrue(b.spend(T0.plusSeconds(61)), "a minute later, an attack still under way alarms again");
    }

    @Test
    void itRefillsToAMinutesWorthAndNoMore() {
        GuessBudget b = new GuessBudget(6, T0);
        for (int i = 0; i < 6; i++) {
            b.spend(T0);
        }
        Instant later = T0.plus(Duration.ofHours(1));
        for (int i = 0; i < 6; i++) {
            assertEquals(Duration.ZERO, b.waitAt(later));
            b.spend(later);
        }
        assertEquals(Duration.ofSeconds(10), b.waitAt(later), "an hour of quiet buys a minute's worth, not sixty");
    }
}
