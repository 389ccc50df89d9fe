package io.deskside.edge.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossSiteCheckTest {

    private final CrossSiteCheck check = new CrossSiteCheck(Set.of("https://portal.example.com"));

    @Test
    void aFormOfAnotherSitePostingWithRememberedCredentialsIsRefused() {
        assertNotNull(check.refusal("POST", false, "https://evil.example", "cross-site", "help.example.com"));
        assertNotNull(check.refusal("DELETE", false, "http://help.example.com.evil.example", null, "help.example.com"));
        assertNotNull(check.refusal("PUT", false, "null", null, "help.example.com"), "a sandboxed page says Origin: null");
        assertNotNull(check.refusal("POST", false, null, "cross-site", "help.example.com"), "no Origin, but the browser says cross-site");
        assertNotNull(check.refusal("POST", false, null, "same-site", "help.example.com"), "a sibling subdomain is another site's page");
    }

    @Test
    void aWebSocketHandshakeFromAnotherSiteIsRefusedThoughItIsAGet() {
        assertNotNull(check.refusal("GET", true, "https://evil.example", "cross-site", "help.example.com"));
        assertNull(check.refusal("GET", false, "https://evil.example", "cross-site", "help.example.com"), "a plain read changes nothing");
    }

    @Test
    void programsThisServersOwnPagesAndListedSitesPass() {
        assertNull(check.refusal("POST", false, null, null, "help.example.com"), "the Guest, curl and integrations send neither header");
        assertNull(check.refusal("POST", false, "https://help.example.com", "same-origin", "help.example.com"));
        assertNull(check.refusal("POST", false, "https://help.example.com", null, "help.example.com:443"));
        assertNull(check.refusal("POST", false, "http://localhost:8080", null, "localhost:8080"));
        assertNull(check.refusal("POST", false, "https://Portal.Example.com", "cross-site", "help.example.com"), "listed");
        assertNull(check.refusal("POST", false, null, "none", "help.example.com"), "typed into the address bar");
    }

    @Test
    void anotherPortOrSchemeIsAnotherOrigin() {
        assertNotNull(check.refusal("POST", false, "http://localhost:9999", null, "localhost:8080"));
        assertNotNull(check.refusal("POST", false, "http://help.example.com", null, "help.example.com:443"));
        assertNotNull(check.refusal("POST", false, "ftp://help.example.com", null, "help.example.com"));
    }
}
