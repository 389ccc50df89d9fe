package io.deskside.gateway.audit;

import io.deskside.persistence.audit.EventEntry;
import io.deskside.persistence.audit.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * The event-log key and the first entry it must have made. Entries from {@code keyedFrom} on
 * must carry the keyed hash; entries before it were written before the log had a key and may
 * carry plain SHA-256. That boundary comes from the key file, never from the database, so
 * someone who rewrites entries with plain hashes cannot pass them off as old ones. The
 * {@code id} names the key in logs; the key itself is never shown.
 */
public record ChainKey(SecretKey key, long keyedFrom, String id) {

    public ChainKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        if (keyedFrom < 1) {
            throw new IllegalArgumentException("keyedFrom is an entry's sequence number, 1 or more");
        }
    }

    public static ChainKey of(SecretKey key, long keyedFrom) {
        return new ChainKey(key, keyedFrom, EventChain.keyId(key));
    }

    /** The hash for a new entry: always keyed, whatever its place. */
    public String hash(String prevHash, long seq, Instant at, EventType type, String actor,
            Long requestId, Long ticketId, String source, String detail) {
        return EventChain.keyed(key, prevHash, seq, at, type, actor, requestId, ticketId, source, detail);
    }

    /**
     * Whether a stored entry carries the hash it should, over the previous hash it names: the
     * keyed one, or, only before {@code keyedFrom}, the plain one. (A keyed hash is accepted
     * before {@code keyedFrom} too: after the database was rolled back to before the key, new
     * entries are keyed whatever their number.)
     */
    public boolean matches(EventEntry e) {
        if (EventChain.keyed(key, e).equals(e.hash())) {
            return true;
        }
        return e.seq() < keyedFrom && EventChain.plain(e).equals(e.hash());
    }

    /** HMAC-SHA-256 of a text with this key, in hex: what signs a checkpoint. */
    String mac(String text) {
        return HexFormat.of().formatHex(EventChain.mac(key).doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "ChainKey[id=" + id + ", keyedFrom=" + keyedFrom + "]";
    }
}
