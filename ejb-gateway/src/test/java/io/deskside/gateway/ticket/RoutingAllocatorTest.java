package io.deskside.gateway.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingAllocatorTest {

    @Test
    void threeDigitsWhileFewTicketsAreLiveThenLonger() {
        assertEquals(3, RoutingAllocator.digitsFor(0));
        assertEquals(3, RoutingAllocator.digitsFor(299));
        assertEquals(4, RoutingAllocator.digitsFor(300));
        assertEquals(5, RoutingAllocator.digitsFor(3000));
        assertEquals(6, RoutingAllocator.digitsFor(10_000_000));
    }

    @Test
    void picksOnlyFreeGroupsUntilNoneIsLeft() {
        Random random = new Random(7);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String g = RoutingAllocator.pick(3, taken, random);
            assertEquals(3, g.length());
            assertFalse(taken.contains(g));
            taken.add(g);
        }
        assertNull(RoutingAllocator.pick(3, taken, random), "all 1000 are taken");
    }
}
