package io.deskside.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StallLimitTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void theConfiguredTimeOrFourRoundTripsAtMostTenSeconds() {
        assertEquals(2 * S, GatewayTunnel.stallLimit(2 * S, 10 * MS, 0));
        assertEquals(3 * S, GatewayTunnel.stallLimit(2 * S, 750 * MS, 0), "a slow network gets four round trips");
        assertEquals(10 * S, GatewayTunnel.stallLimit(2 * S, 30 * S, 0), "never more than ten seconds for a slow network");
    }

    @Test
    void eachRecentStallDoublesTheWaitSoABusyGatewayIsNotStormed() {
        assertEquals(4 * S, GatewayTunnel.stallLimit(2 * S, 10 * MS, 1));
        assertEquals(8 * S, GatewayTunnel.stallLimit(2 * S, 10 * MS, 2));
        assertEquals(10 * S, GatewayTunnel.stallLimit(2 * S, 10 * MS, 3));
        assertEquals(10 * S, GatewayTunnel.stallLimit(2 * S, 10 * MS, 40), "capped, and no overflow");
        assertEquals(15 * S, GatewayTunnel.stallLimit(15 * S, 10 * MS, 3), "an operator's longer setting stands");
    }
}
