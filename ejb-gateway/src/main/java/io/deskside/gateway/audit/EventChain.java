package io.deskside.gateway.audit;

import io.deskside.persistence.audit.EventEntry;
import io.deskside.persistence.audit.EventType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The hash that links each event-log entry to the one before it, over the previous hash and
 * every field of the entry, each field length-prefixed so no two different entries can
 * serialise alike. An entry is hashed with the event-log key ({@link #keyed}, HMAC-SHA-256), so
 * that someone who can write the database but not read the key cannot make a changed entry
 * check again. Entries written before the log had a key carry {@link #plain} SHA-256 over the
 * same bytes: that function must never change, or those entries stop verifying.
 */
public final class EventChain {

    public static final String GENESIS = "0".repeat(64);
    public static final String MAC_ALGORITHM = "HmacSHA256";

    /** Sets keyed hashes apart from anything else the key might ever MAC. */
    private static final byte[] KEYED_LABEL = "deskside event v2".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY_ID_LABEL = "deskside event-log key id".getBytes(StandardCharsets.UTF_8);

    private EventChain() {
    }

    /** The bytes both hashes cover: the previous hash, then the entry's fields, in this order. */
    public static byte[] encode(String prevHash, long seq, Instant at, EventType type, String actor,
            Long requestId, Long ticketId, String source, String detail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, prevHash);
        field(out, Long.toString(seq));
        field(out, at.toString());
        field(out, type.name());
        field(out, actor);
        field(out, requestId == null ? null : requestId.toString());
        field(out, ticketId == null ? null : ticketId.toString());
        field(out, source);
        field(out, detail);
        return out.toByteArray();
    }

    /** SHA-256 without a key: what every entry carried before the log had a key. */
    public static String plain(String prevHash, long seq, Instant at, EventType type, String actor,
            Long requestId, Long ticketId, String source, String detail) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(encode(prevHash, seq, at, type, actor, requestId, ticketId, source, detail)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The plain hash of a stored entry, over the previous hash it names. */
    public static String plain(EventEntry e) {
        return plain(e.prevHash(), e.seq(), e.at(), e.type(), e.actor(), e.requestId(), e.ticketId(), e.sourceAddress(), e.detail());
    }

    /** HMAC-SHA-256 with the event-log key: what every entry carries once the log has a key. */
    public static String keyed(SecretKey key, String prevHash, long seq, Instant at, EventType type, String actor,
            Long requestId, Long ticketId, String source, String detail) {
        Mac mac = mac(key);
        mac.update(KEYED_LABEL);
        mac.update(encode(prevHash, seq, at, type, actor, requestId, ticketId, source, detail));
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** The keyed hash of a stored entry, over the previous hash it names. */
    public static String keyed(SecretKey key, EventEntry e) {
        return keyed(key, e.prevHash(), e.seq(), e.at(), e.type(), e.actor(), e.requestId(), e.ticketId(),
                e.sourceAddress(), e.detail());
    }

    /**
     * Eight hex digits that name a key without giving it away, so operators can tell whether two
     * nodes hold the same one.
     */
    public static String keyId(SecretKey key) {
        return HexFormat.of().formatHex(mac(key).doFinal(KEY_ID_LABEL)).substring(0, 8);
    }

    static Mac mac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + MAC_ALGORITHM, e);
        }
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write(0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(1);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
