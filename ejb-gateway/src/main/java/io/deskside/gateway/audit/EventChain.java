package io.deskside.gateway.audit;

import io.deskside.persistence.audit.EventType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash that links each event-log entry to the one before it: SHA-256 over the previous
 * hash and every field of the entry, each field length-prefixed so no two different entries
 * can serialise alike.
 */
public final class EventChain {

    public static final String GENESIS = "0".repeat(64);

    private EventChain() {
    }

    public static String hash(String prevHash, long seq, Instant at, EventType type, String actor,
            Long requestId, Long ticketId, String source, String detail) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            field(sha, prevHash);
            field(sha, Long.toString(seq));
            field(sha, at.toString());
            field(sha, type.name());
            field(sha, actor);
            field(sha, requestId == null ? null : requestId.toString());
            field(sha, ticketId == null ? null : ticketId.toString());
            field(sha, source);
            field(sha, detail);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        sha.update(bytes);
    }
}
