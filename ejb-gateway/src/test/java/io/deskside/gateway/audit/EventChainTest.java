package io.deskside.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.deskside.persistence.audit.EventType;
import java.time.Instant;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EventChainTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");
    private static final SecretKey KEY = key(1);

    @Test
    void theHashCoversEveryFieldAndThePreviousEntry() {
        String h = EventChain.plain(EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x");
        assertEquals(64, h.length());
        assertEquals(h, EventChain.plain(EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.plain("1".repeat(64), 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.plain(EventChain.GENESIS, 2, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.plain(EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "y"));
        assertNotEquals(h, EventChain.plain(EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", null, 7L, "10.0.0.1", "x"));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertNotEquals(EventChain.plain(EventChain.GENESIS, 1, AT, EventType.LOGIN, "ab", null, null, "c", null),
                EventChain.plain(EventChain.GENESIS, 1, AT, EventType.LOGIN, "a", null, null, "bc", null));
    }

    /** Pinned with the code that wrote every entry before the log had a key: it must never change. */
    @Test
    void thePlainHashIsUnchangedSoLegacyEntriesStillVerify() {
        assertEquals("6c1930b003d451092ec319dc864b0412e11264ac51c807635664277118fb9a97",
                EventChain.plain(EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x"));
    }

    @Test
    void theKeyedHashNeedsTheKey() {
        String keyed = EventChain.keyed(KEY, EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x");
        assertEquals(64, keyed.length());
        assertEquals(keyed, EventChain.keyed(key(1), EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x"));
        assertNotEquals(keyed, EventChain.keyed(key(2), EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x"));
        assertNotEquals(keyed, EventChain.plain(EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x"));
    }

    @Test
    void theKeyedHashCoversEveryFieldAndThePreviousEntry() {
        String h = EventChain.keyed(KEY, EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, 8L, "10.0.0.1", "x");
        assertNotEquals(h, EventChain.keyed(KEY, "1".repeat(64), 1, AT, EventType.LOGIN, "bob", 7L, 8L, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.keyed(KEY, EventChain.GENESIS, 2, AT, EventType.LOGIN, "bob", 7L, 8L, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.keyed(KEY, EventChain.GENESIS, 1, AT.plusNanos(1000), EventType.LOGIN, "bob", 7L, 8L, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.keyed(KEY, EventChain.GENESIS, 1, AT, EventType.LOGIN_FAILED, "bob", 7L, 8L, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.keyed(KEY, EventChain.GENESIS, 1, AT, EventType.LOGIN, "ann", 7L, 8L, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.keyed(KEY, EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 9L, 8L, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.keyed(KEY, EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, 9L, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.keyed(KEY, EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, 8L, "10.0.0.2", "x"));
        assertNotEquals(h, EventChain.keyed(KEY, EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, 8L, "10.0.0.1", "y"));
        assertNotEquals(h, EventChain.keyed(KEY, EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, 8L, "10.0.0.1", null));
    }

    @Test
    void aKeyIdNamesTheKeyInEightHexDigits() {
        assertEquals(8, EventChain.keyId(KEY).length());
        assertEquals(EventChain.keyId(key(1)), EventChain.keyId(KEY));
        assertNotEquals(EventChain.keyId(key(2)), EventChain.keyId(KEY));
    }

    static SecretKey key(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return new SecretKeySpec(bytes, EventChain.MAC_ALGORITHM);
    }
}
