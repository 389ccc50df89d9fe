package io.deskside.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
        assertEquals(new GatewaySettings.Limits(5, 20, Duration.ofMinutes(15), 4, 100, 60, 10_000, 200, 10_000, Duration.ofMinutes(2), 30),
                s.limits());
        assertEquals(30, s.guessesPerMinute(), "wrong tickets a minute from all addresses together");
        assertEquals(Duration.ofDays(1), s.hostCredentialLifetime(), "a Host runs right after its download");
        assertEquals(GatewaySettings.HostCredentialSignIn.OPEN, s.hostCredentialSignIn(), "the download page builds a Host for anyone");
    }

    @Test
    void aHostCredentialCanBeKeptForSignedInAccounts() {
        assertEquals(GatewaySettings.HostCredentialSignIn.REQUIRED,
                GatewaySettings.from(Map.of("deskside.host.credential-sign-in", "required")::get).hostCredentialSignIn());
        assertEquals(GatewaySettings.HostCredentialSignIn.OPEN,
                GatewaySettings.from(Map.of("deskside.host.credential-sign-in", " open ")::get).hostCredentialSignIn());
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
                Map.of("deskside.queue.asks-per-minute", "0"), Map.of("deskside.login.checks-at-once", "many"),
                Map.of("deskside.guess.node-per-minute", "0"), Map.of("deskside.host.credential-lifetime", "P30D"),
                Map.of("deskside.host.credentials-per-hour", "-1"), Map.of("deskside.host.credential-sign-in", "Required"),
                Map.of("deskside.host.credential-sign-in", "yes"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(m::get));
            assertTrue(e.getMessage().startsWith("deskside."), e.getMessage());
        }
    }

    @Test
    void theEventLogsKeyAndCheckpointDefaultToTheDataDirectory() {
        GatewaySettings s = GatewaySettings.from(Map.of("deskside.data-dir", "/srv/deskside")::get);
        assertEquals(new GatewaySettings.Audit(Path.of("/srv/deskside", "deskside-audit.key"), Path.of("/srv/deskside", "audit-checkpoint"),
                Duration.ofMinutes(1), false), s.audit());
        assertTrue(GatewaySettings.from(Map.of("deskside.audit.new-key", "existing-log")::get).audit().keyExistingLog(),
                "a key for a log that has entries is made only when an operator says so");
        assertEquals(Path.of("/etc/deskside/audit.key"), GatewaySettings.from(Map.of("deskside.data-dir", "/srv/deskside",
                "deskside.audit.key-file", "/etc/deskside/audit.key")::get).audit().keyFile());
    }

    @Test
    void aBadCheckpointIntervalStopsWithAMessageNamingTheSetting() {
        for (String bad : List.of("PT4S", "1", "soon")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GatewaySettings.from(Map.of("deskside.audit.checkpoint-every", bad)::get));
            assertTrue(e.getMessage().startsWith("deskside.audit.checkpoint-every"), e.getMessage());
        }
    }
}
