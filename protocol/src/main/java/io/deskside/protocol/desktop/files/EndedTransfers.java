package io.deskside.protocol.desktop.files;

import io.deskside.protocol.desktop.FileId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The ids of transfers that ended lately. Chunks, acks and a done for such an id were already
 * in flight when it ended, so for {@link #LATE_MESSAGE_GRACE} they are ignored, not a protocol
 * error; after that the id is forgotten and a message for it is one.
 */
final class EndedTransfers {

    static final Duration LATE_MESSAGE_GRACE = Duration.ofSeconds(30);

    private final LongSupplier nanoTime;
    private final Map<FileId, Long> endedAt = new HashMap<>();

    EndedTransfers(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void ended(FileId id) {
        long now = nanoTime.getAsLong();
        endedAt.values().removeIf(t -> now - t > LATE_MESSAGE_GRACE.toNanos());
        endedAt.put(id, now);
    }

    /** True while {@code id} ended within the grace; forgets ids whose grace is over. */
    boolean recentlyEnded(FileId id) {
        long now = nanoTime.getAsLong();
        endedAt.values().removeIf(t -> now - t > LATE_MESSAGE_GRACE.toNanos());
        return endedAt.containsKey(id);
    }
}
