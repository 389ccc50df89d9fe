package io.deskside.gateway.relay;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one side has allowed the other to send it, per stream. A receiver grants bytes with
 * CREDIT; every DATA frame spends them; a sender that spends more than it was granted broke the
 * protocol. So the gateway never holds more for a receiver than the receiver asked for, and a
 * slow or stalled receiver only slows its own sender. Grants are capped per stream.
 */
final class Credits {

    static final long MAX_WINDOW_BYTES = 4L << 20;
    static final int MAX_STREAMS = 64;

    private final ConcurrentHashMap<Integer, AtomicLong> windows = new ConcurrentHashMap<>();

    /** Adds a grant; false when it would open too many streams. */
    boolean grant(int stream, long bytes) {
        if (!windows.containsKey(stream) && windows.size() >= MAX_STREAMS) {
            return false;
        }
        windows.computeIfAbsent(stream, s -> new AtomicLong()).getAndUpdate(w -> Math.min(MAX_WINDOW_BYTES, w + bytes));
        return true;
    }

    /** Spends bytes on a stream; false when the sender had not been granted that much. */
    boolean spend(int stream, long bytes) {
        AtomicLong window = windows.get(stream);
        if (window == null) {
            return false;
        }
        long left = window.addAndGet(-bytes);
        if (left < 0) {
            window.addAndGet(bytes);
            return false;
        }
        return true;
    }
}
