package io.deskside.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptLedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void freeGuessesThenDoublingWaitsThenALockOut() {
        AttemptLedger ledger = new AttemptLedger(3, 6, Duration.ofMinutes(15));
        Instant now = T0;
        for (int i = 0; i < 2; i++) {
            assertInstanceOf(AttemptLedger.Allowed.class, ledger.check("a", now));
            assertFalse(ledger.failure("a", now));
        }
        assertFalse(ledger.failure("a", now));
        assertEquals(new AttemptLedger.Wait(Duration.ofSeconds(1), false), ledger.check("a", now));
        now = now.plusSeconds(1);
        assertFalse(ledger.failure("a", now));
        assertEquals(new AttemptLedger.Wait(Duration.ofSeconds(2), false), ledger.check("a", now));
        now = now.plusSeconds(2);
        assertFalse(ledger.failure("a", now));
        assertEquals(new AttemptLedger.Wait(Duration.ofSeconds(4), false), ledger.check("a", now));
        now = now.plusSeconds(4);
        assertTrue(ledger.failure("a", now), "the sixth wrong guess locks out");
        assertEquals(new AttemptLedger.Wait(Duration.ofMinutes(15), true), ledger.check("a", now));
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.check("b", now), "other sources are not affected");
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.check("a", now.plus(Duration.ofMinutes(15))));
    }

    @Test
    void oneAttemptAtATimePerSource() {
        AttemptLedger ledger = new AttemptLedger(3, 6, Duration.ofMinutes(15));
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.begin("a", T0));
        assertEquals(new AttemptLedger.Wait(Duration.ofSeconds(1), false, true), ledger.begin("a", T0), "a parallel guess waits");
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.begin("b", T0));
        ledger.end("a");
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.begin("a", T0));
    }

    @Test
    void aFewAttemptsAtOnceWhenAllowed() {
        AttemptLedger ledger = new AttemptLedger(3, 6, Duration.ofMinutes(15), 2);
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.begin("a", T0));
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.begin("a", T0));
        assertEquals(new AttemptLedger.Wait(Duration.ofSeconds(1), false, true), ledger.begin("a", T0), "the third at once waits");
        ledger.end("a");
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.begin("a", T0));
        ledger.end("a");
        ledger.end("a");
        ledger.end("a"); // one end too many changes nothing
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.begin("a", T0));
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.begin("a", T0));
        assertInstanceOf(AttemptLedger.Wait.class, ledger.begin("a", T0));
    }

    @Test
    void failuresDrainAtTheFreeCountAnHourSoASlowTypistNeverWaits() {
        AttemptLedger ledger = new AttemptLedger(3, 6, Duration.ofMinutes(15));
        Instant now = T0;
        for (int i = 0; i < 30; i++) {
            assertInstanceOf(AttemptLedger.Allowed.class, ledger.check("a", now), "failure " + i);
            assertFalse(ledger.failure("a", now));
            now = now.plus(Duration.ofMinutes(21)); // fewer than three an hour
        }
        for (int i = 0; i < 3; i++) {
            ledger.failure("a", now);
        }
        assertInstanceOf(AttemptLedger.Wait.class, ledger.check("a", now), "a burst still counts");
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.check("a", now.plus(Duration.ofMinutes(20))),
                "and drains: one failure every 20 minutes");
    }

    @Test
    void oldFailuresAreForgotten() {
        AttemptLedger ledger = new AttemptLedger(3, 6, Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            ledger.failure("a", T0);
        }
        assertInstanceOf(AttemptLedger.Wait.class, ledger.check("a", T0));
        Instant later = T0.plus(AttemptLedger.MEMORY).plusSeconds(1);
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.check("a", later));
        assertFalse(ledger.failure("a", later), "counting starts again");
        assertInstanceOf(AttemptLedger.Allowed.class, ledger.check("a", later));
    }

    @Test
    void waitsNeverGrowPastTheCap() {
        AttemptLedger ledger = new AttemptLedger(1, 1000, Duration.ofMinutes(15));
        Instant now = T0;
        for (int i = 0; i < 40; i++) {
            ledger.failure("a", now);
            now = now.plus(AttemptLedger.MAX_DELAY);
        }
        var wait = (AttemptLedger.Wait) ledger.check("a", now.minus(AttemptLedger.MAX_DELAY));
        assertEquals(AttemptLedger.MAX_DELAY, wait.remaining());
    }
}
