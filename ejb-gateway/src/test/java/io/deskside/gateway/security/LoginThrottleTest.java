package io.deskside.gateway.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.error.TooManyAttempts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    /** Production settings: five free failures per account and address, locked out at the twentieth. */
    private static LoginThrottle throttle() {
        LoginThrottle t = new LoginThrottle();
        t.settings = GatewaySettings.from(k -> null);
        t.init();
        return t;
    }

    private static void fail(LoginThrottle t, String login, String source, Instant now) {
        t.refuseIfWaiting(login, source, now);
        t.admit(login, source, now);
        t.failed(login, login, source, now);
        t.done(login, source);
    }

    @Test
    void oneAccountFromOneAddressSlowsDownAloneThenLocksOut() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 5; i++) {
            fail(t, "ann", "203.0.113.5", T0);
        }
        TooManyAttempts wait = assertThrows(TooManyAttempts.class, () -> t.refuseIfWaiting("ann", "203.0.113.5", T0));
        assertEquals(Duration.ofSeconds(1), wait.retryAfter());
        assertTrue(wait.getMessage().contains("to this account from this address; try again in 1 s"), wait.getMessage());
        assertDoesNotThrow(() -> t.refuseIfWaiting("bob", "203.0.113.5", T0), "a colleague behind the same address");
        assertDoesNotThrow(() -> t.refuseIfWaiting("ann", "198.51.100.9", T0), "the same technician from elsewhere");

        // A guesser who waits out every delay: the failures drain (five an hour) more slowly than
        // they come, so the lock-out still comes, at the twentieth failure held.
        Instant now = T0;
        String lockedOut = null;
        int failures = 5;
        while (lockedOut == null && failures < 100) {
            try {
                t.refuseIfWaiting("ann", "203.0.113.5", now);
            } catch (TooManyAttempts e) {
                now = now.plus(e.retryAfter());
                continue;
            }
            t.admit("ann", "203.0.113.5", now);
            lockedOut = t.failed("ann", "ann", "203.0.113.5", now);
            t.done("ann", "203.0.113.5");
            failures++;
        }
        assertTrue(failures >= 20 && failures < 40, failures + " failures before the lock-out");
        assertEquals("locked out for 900 s after 20 failed sign-ins to ann from this address", lockedOut);
        Instant at = now;
        TooManyAttempts locked = assertThrows(TooManyAttempts.class, () -> t.refuseIfWaiting("ann", "203.0.113.5", at));
        assertTrue(locked.getMessage().endsWith("locked out for 900 s"), locked.getMessage());
        assertDoesNotThrow(() -> t.refuseIfWaiting("ann", "203.0.113.5", at.plus(Duration.ofMinutes(15))));
    }

    @Test
    void anAddressSprayingManyAccountsIsStoppedAsAWhole() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 50; i++) {
            fail(t, "user" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1), T0); // one IPv6 /64
        }
        TooManyAttempts wait = assertThrows(TooManyAttempts.class, () -> t.refuseIfWaiting("someone-new", "2001:db8:1:2::ffff", T0));
        assertTrue(wait.getMessage().startsWith("too many failed sign-ins from this address"), wait.getMessage());
        assertDoesNotThrow(() -> t.refuseIfWaiting("someone-new", "2001:db8:1:3::1", T0), "the next /64 is another source");
    }

    @Test
    void onlyAFewSlowChecksAtOnceFromOneAccountAndAddress() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 4; i++) {
            t.admit("ann", "203.0.113.5", T0);
        }
        TooManyAttempts busy = assertThrows(TooManyAttempts.class, () -> t.admit("ann", "203.0.113.5", T0));
        assertEquals(Duration.ofSeconds(1), busy.retryAfter());
        assertDoesNotThrow(() -> t.admit("bob", "203.0.113.5", T0), "the address as a whole may run more");
        t.done("ann", "203.0.113.5");
        assertDoesNotThrow(() -> t.admit("ann", "203.0.113.5", T0));
    }
}
