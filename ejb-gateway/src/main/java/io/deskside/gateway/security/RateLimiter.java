package io.deskside.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A token bucket per key (a source address): {@code tokens} tokens a period, as many at most in
 * hand, so a key may spend a period's worth at once and then one every {@code period / tokens}.
 * Bounded: the least recently seen keys make room for new ones (a key forgotten that way starts
 * again with a full bucket, which only errs towards letting a caller in).
 */
public final class RateLimiter {

    static final int MAX_KEYS = 100_000;

    private final int perMinute;
    private final long nanosPerToken;
    private final Map<String, Bucket> buckets = new LruMap<>(MAX_KEYS);

    public RateLimiter(int perMinute) {
        this(perMinute, Duration.ofMinutes(1));
    }

    public RateLimiter(int tokens, Duration period) {
        if (tokens < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("at least one token in a positive period");
        }
        this.perMinute = tokens;
        this.nanosPerToken = period.toNanos() / tokens;
    }

    /** Takes a token for this key: zero when one was in hand, else how long until one is. */
    public synchronized Duration take(String key, Instant now) {
        long t = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket(perMinute, t);
            buckets.put(key, b);
        }
        long earned = (t - b.at) / nanosPerToken;
        if (earned > 0) {
            b.tokens = (int) Math.min(perMinute, b.tokens + earned);
            b.at = b.tokens == perMinute ? t : b.at + earned * nanosPerToken;
        }
        if (b.tokens > 0) {
            b.tokens--;
            return Duration.ZERO;
        }
        return Duration.ofNanos(b.at + nanosPerToken - t);
    }

    private static final class Bucket {
        int tokens;
        long at;

        Bucket(int tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
