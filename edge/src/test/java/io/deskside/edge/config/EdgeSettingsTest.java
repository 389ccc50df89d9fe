package io.deskside.edge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EdgeSettingsTest {

    @Test
    void noOtherSiteIsTrustedByDefault() {
        assertEquals(Set.of(), EdgeSettings.from(k -> null).allowedOrigins());
    }

    @Test
    void allowedOriginsAreReadOnceAndCompared() {
        EdgeSettings s = EdgeSettings.from(Map.of("deskside.allowed-origins", " https://Portal.example.com , http://intranet:8080,")::get);
        assertEquals(Set.of("https://portal.example.com", "http://intranet:8080"), s.allowedOrigins());
    }

    @Test
    void badProxySettingsStopTheDeploymentNamingTheSetting() {
        IllegalArgumentException ranges = assertThrows(IllegalArgumentException.class,
                () -> EdgeSettings.from(Map.of("deskside.trusted-proxies", "balancer.example")::get));
        assertTrue(ranges.getMessage().startsWith("deskside.trusted-proxies: "), ranges.getMessage());
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> EdgeSettings.from(Map.of("deskside.trusted-proxies.header", "X-Real-IP")::get));
        assertTrue(header.getMessage().startsWith("deskside.trusted-proxies.header: "), header.getMessage());
        assertTrue(EdgeSettings.from(Map.of("deskside.trusted-proxies", "10.0.0.0/8")::get).trustedProxies().contains("10.1.2.3"));
    }

    @Test
    void anOriginWithAPathOrAnotherSchemeStopsTheDeploymentNamingTheSetting() {
        for (String bad : new String[] {"https://portal.example.com/", "portal.example.com", "ftp://x", "https://user@x", "https://x/app"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EdgeSettings.from(Map.of("deskside.allowed-origins", bad)::get), bad);
            assertTrue(e.getMessage().startsWith("deskside.allowed-origins"), e.getMessage());
        }
    }
}
