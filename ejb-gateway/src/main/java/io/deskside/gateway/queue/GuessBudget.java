package io.deskside.gateway.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * The node's budget of wrong tickets, from all addresses together: {@code perMinute} a minute,
 * a minute's worth at most in hand. Per-address bounds stop one guesser; this stops many
 * spread over many addresses. Only a wrong ticket spends; while the budget is empty every
 * ticket is refused alike, live or not, with a wait that depends on the budget alone, so an
 * empty budget tells nobody which routing groups are live.
 */
final class GuessBudget {

    private final long nanosPerGuess;
    private final long capacity;
    /** Nanoseconds' worth of guesses in hand; one guess costs {@link #nanosPerGuess}. */
    private long credit;
    private long at;
    private long alarmedAt = Long.MIN_VALUE / 2;

    GuessBudget(int perMinute, Instant now) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("at least one a minute");
        }
        this.nanosPerGuess = Duration.ofMinutes(1).toNanos() / perMinute;
        this.capacity = nanosPerGuess * perMinute;
        this.credit = capacity;
        this.at = nanos(now);
    }

    /** Zero while a guess is in hand; else how long until one is. */
    synchronized Duration waitAt(Instant now) {
        refill(nanos(now));
        return credit >= nanosPerGuess ? Duration.ZERO : Duration.ofNanos(nanosPerGuess - credit);
    }

    /**
     * Takes a guess before the ticket is looked up, so guesses checked at once from many
     * addresses cannot all pass on the last one in hand: zero when one was taken, else how long
     * until one is. A ticket that turns out right gives it back ({@link #refund}).
     */
    synchronized Duration take(Instant now) {
        Duration wait = waitAt(now);
        if (wait.isZero()) {
            credit -= nanosPerGuess;
        }
        return wait;
    }

    /** A ticket taken with {@link #take} was right: a right ticket costs the budget nothing. */
    synchronized void refund() {
        credit = Math.min(capacity, credit + nanosPerGuess);
    }

    /**
     * Whether a wrong ticket (its guess already taken) left the budget empty, and no alarm was
     * raised in the last minute (so an attack raises one alarm a minute, not one per guess).
     */
    synchronized boolean emptiedBy(Instant now) {
        long t = nanos(now);
        refill(t);
        if (credit < nanosPerGuess && t - alarmedAt >= Duration.ofMinutes(1).toNanos()) {
            alarmedAt = t;
            return true;
        }
        return false;
    }

    /** Spends one guess on a wrong ticket found otherwise (a failed key exchange); true as {@link #emptiedBy}. */
    synchronized boolean spend(Instant now) {
        refill(nanos(now));
        credit = Math.max(-capacity, credit - nanosPerGuess);
        return emptiedBy(now);
    }

    private void refill(long t) {
        if (t > at) {
            credit = Math.min(capacity, credit + (t - at));
            at = t;
        }
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
