package io.deskside.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Counts failed attempts at a secret (a ticket, a password) per source address. The first few
 * are free; after them each further attempt must wait twice as long as the one before (1 s,
 * 2 s, 4 s, ...); at the lock-out count the source is shut out for the lock-out time. Failures
 * drain away at the free count an hour. A source may have only so many attempts under way at once,
 * so that parallel guesses cannot all pass before the first failure counts. Bounded: the least
 * recently seen sources make room for new ones.
 */
public final class AttemptLedger {

    static final int MAX_SOURCES = 100_000;
    static final Duration MEMORY = Duration.ofHours(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);

    public sealed interface Verdict permits Allowed, Wait {
    }

    public record Allowed() implements Verdict {
    }

    /** Wait this long: locked out, or after a failure, or ({@code busy}) because attempts are under way. */
    public record Wait(Duration remaining, boolean lockedOut, boolean busy) implements Verdict {
        public Wait(Duration remaining, boolean lockedOut) {
            this(remaining, lockedOut, false);
        }

        /** The wait rounded up to whole seconds, as {@code Retry-After} says it. */
        public Duration wholeSeconds() {
            return remaining.plusMillis(999).withNanos(0);
        }
    }

    private final int freeAttempts;
    private final int lockoutAfter;
    private final Duration lockout;
    private final int concurrent;
    private final Map<String, Source> sources = new LruMap<>(MAX_SOURCES);

    /** One attempt under way per source at a time. */
    public AttemptLedger(int freeAttempts, int lockoutAfter, Duration lockout) {
        this(freeAttempts, lockoutAfter, lockout, 1);
    }

    public AttemptLedger(int freeAttempts, int lockoutAfter, Duration lockout, int concurrent) {
        if (freeAttempts < 1 || lockoutAfter <= freeAttempts || concurrent < 1) {
            throw new IllegalArgumentException("need 1 <= free attempts < lock-out count, and at least one attempt at a time");
        }
        this.freeAttempts = freeAttempts;
        this.lockoutAfter = lockoutAfter;
        this.lockout = lockout;
        this.concurrent = concurrent;
    }

    /** Attempts under way, by source (never more sources than there are request threads). */
    private final Map<String, Integer> inFlight = new java.util.HashMap<>();

    /** Starts an attempt, unless the source must wait or already has as many under way as it may. */
    public synchronized Verdict begin(String source, Instant now) {
        Verdict v = check(source, now);
        if (v instanceof Allowed) {
            int under = inFlight.getOrDefault(source, 0);
            if (under >= concurrent) {
                return new Wait(Duration.ofSeconds(1), false, true);
            }
            inFlight.put(source, under + 1);
        }
        return v;
    }

    /** Ends an attempt {@link #begin} allowed. */
    public synchronized void end(String source) {
        inFlight.computeIfPresent(source, (k, n) -> n > 1 ? n - 1 : null);
    }

    public synchronized Verdict check(String source, Instant now) {
        Source s = current(source, now);
        if (s == null) {
            return new Allowed();
        }
        if (s.lockedUntil != null && now.isBefore(s.lockedUntil)) {
            return new Wait(Duration.between(now, s.lockedUntil), true);
        }
        if (s.nextAllowed != null && now.isBefore(s.nextAllowed)) {
            return new Wait(Duration.between(now, s.nextAllowed), false);
        }
        return new Allowed();
    }

    /** Records a failed attempt; true when this one locks the source out. */
    public synchronized boolean failure(String source, Instant now) {
        Source s = current(source, now);
        if (s == null) {
            s = new Source();
            sources.put(source, s);
        }
        if (s.failures == 0) {
            s.leakingSince = now;
        }
        s.failures++;
        if (s.failures >= lockoutAfter) {
            s.lockedUntil = now.plus(lockout);
            s.failures = 0;
            s.nextAllowed = null;
            return true;
        }
        if (s.failures >= freeAttempts) {
            long seconds = 1L << Math.min(30, s.failures - freeAttempts);
            Duration delay = Duration.ofSeconds(seconds);
            s.nextAllowed = now.plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
        }
        return false;
    }

    /**
     * The source's record, its failures leaked away first: they drain at {@code freeAttempts}
     * an hour, so one that fails no more often than that never waits, and a burst is forgotten
     * within the hour. A record with nothing left to say is dropped.
     */
    private Source current(String source, Instant now) {
        Source s = sources.get(source);
        if (s == null) {
            return null;
        }
        if (s.failures > 0) {
            long leakNanos = MEMORY.toNanos() / freeAttempts;
            long leaked = Duration.between(s.leakingSince, now).toNanos() / leakNanos;
            if (leaked > 0) {
                s.failures = (int) Math.max(0, s.failures - leaked);
                s.leakingSince = s.leakingSince.plusNanos(leaked * leakNanos);
            }
        }
        boolean lockedOut = s.lockedUntil != null && now.isBefore(s.lockedUntil);
        boolean waiting = s.nextAllowed != null && now.isBefore(s.nextAllowed);
        if (s.failures == 0 && !lockedOut && !waiting) {
            sources.remove(source);
            return null;
        }
        return s;
    }

    private static final class Source {
        int failures;
        Instant leakingSince;
        Instant nextAllowed;
        Instant lockedUntil;
    }
}
