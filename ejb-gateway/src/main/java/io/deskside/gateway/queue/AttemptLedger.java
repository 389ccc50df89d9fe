package io.deskside.gateway.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts wrong tickets per source address. The first few are free; after them each further
 * attempt must wait twice as long as the one before (1 s, 2 s, 4 s, ...); at the lock-out
 * count the source is shut out for the lock-out time. Failures older than an hour are
 * forgotten. Bounded: the least recently seen sources make room for new ones.
 */
final class AttemptLedger {

    static final int MAX_SOURCES = 100_000;
    static final Duration MEMORY = Duration.ofHours(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);

    sealed interface Verdict permits Allowed, Wait {
    }

    record Allowed() implements Verdict {
    }

    record Wait(Duration remaining, boolean lockedOut) implements Verdict {
    }

    private final int freeAttempts;
    private final int lockoutAfter;
    private final Duration lockout;
    private final Map<String, Source> sources = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Source> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    AttemptLedger(int freeAttempts, int lockoutAfter, Duration lockout) {
        this.freeAttempts = freeAttempts;
        this.lockoutAfter = lockoutAfter;
        this.lockout = lockout;
    }

    /** Sources with a ticket attempt under way: one at a time each, so parallel guesses cannot all pass. */
    private final java.util.Set<String> inFlight = new java.util.HashSet<>();

    /** Starts an attempt, unless the source must wait or already has one under way. */
    synchronized Verdict begin(String source, Instant now) {
        Verdict v = check(source, now);
        if (v instanceof Allowed && !inFlight.add(source)) {
            return new Wait(Duration.ofSeconds(1), false);
        }
        return v;
    }

    synchronized void end(String source) {
        inFlight.remove(source);
    }

    synchronized Verdict check(String source, Instant now) {
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

    /** Records a wrong ticket; true when this one locks the source out. */
    synchronized boolean failure(String source, Instant now) {
        Source s = current(source, now);
        if (s == null) {
            s = new Source();
            sources.put(source, s);
        }
        s.failures++;
        s.lastFailure = now;
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

    private Source current(String source, Instant now) {
        Source s = sources.get(source);
        if (s != null && (s.lockedUntil == null || !now.isBefore(s.lockedUntil))
                && s.lastFailure != null && now.isAfter(s.lastFailure.plus(MEMORY))) {
            sources.remove(source);
            return null;
        }
        return s;
    }

    private static final class Source {
        int failures;
        Instant lastFailure;
        Instant nextAllowed;
        Instant lockedUntil;
    }
}
