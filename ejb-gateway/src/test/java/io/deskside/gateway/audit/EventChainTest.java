package io.deskside.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.deskside.persistence.audit.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventChainTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");

    @Test
    void theHashCoversEveryFieldAndThePreviousEntry() {
        String h = EventChain.hash(EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x");
        assertEquals(64, h.length());
        assertEquals(h, EventChain.hash(EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.hash("1".repeat(64), 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.hash(EventChain.GENESIS, 2, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "x"));
        assertNotEquals(h, EventChain.hash(EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", 7L, null, "10.0.0.1", "y"));
        assertNotEquals(h, EventChain.hash(EventChain.GENESIS, 1, AT, EventType.LOGIN, "bob", null, 7L, "10.0.0.1", "x"));
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertNotEquals(EventChain.hash(EventChain.GENESIS, 1, AT, EventType.LOGIN, "ab", null, null, "c", null),
                EventChain.hash(EventChain.GENESIS, 1, AT, EventType.LOGIN, "a", null, null, "bc", null));
    }
}
