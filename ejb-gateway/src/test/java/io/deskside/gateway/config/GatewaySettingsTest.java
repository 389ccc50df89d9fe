package io.deskside.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {

    @Test
    void safeDefaults() {
        GatewaySettings s = GatewaySettings.from(k -> null);
        assertEquals(Duration.ofMinutes(10), s.ticketTtl());
        assertEquals(600_000, s.passwordIterations());
        assertEquals(10, s.failedTicketsBeforeLockout());
        assertEquals(Duration.ofMinutes(15), s.lockoutDuration());
        assertEquals(new GatewaySettings.Limits(5, 20, Duration.ofMinutes(15), 4, 100, 60, 10_000, 200, 10_000, Duration.ofMinutes(2)), s.limits());
    }

    @Test
    void durationsTakeIsoOrSeconds() {
        assertEquals(Duration.ofMinutes(5), GatewaySettings.from(Map.of("deskside.ticket.ttl", "PT5M")::get).ticketTtl());
        assertEquals(Duration.ofSeconds(90), GatewaySettings.from(Map.of("deskside.ticket.ttl", "90")::get).ticketTtl());
    }

    @Test
    void badValuesStopWithAMessageNamingTheSetting() {
        for (Map<String, String> m : List.of(Map.of("deskside.ticket.ttl", "ten minutes"), Map.of("deskside.ticket.ttl", "PT0S"),
                Map.of("deskside.password.iterations", "12"), Map.of("deskside.guess.lockout-after", "2"),
                Map.of("deskside.ticket.ttl", "PT48H"), Map.of("deskside.login.lockout-after", "5"),
                Map.of("deskside.queue.asks-per-minute", "0"), Map.of("deskside.login.checks-at-once", "many"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(m::get));
            assertTrue(e.getMessage().startsWith("deskside."), e.getMessage());
        }
    }
}
