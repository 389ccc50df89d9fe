package io.deskside.edge.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossSiteCheckTest {

    private final CrossSiteCheck check = new CrossSiteCheck(Set.of("https://portal.example.com"));

    @Test
    void aFormOfAnotherSitePostingWithRememberedCredentialsIsRefused() {
        assertNotNull(check.refusal("POST", false, "https://evil.example", "cross-site", "help.example.com", true));
        assertNotNull(check.refusal("DELETE", false, "http://help.example.com.evil.example", null, "help.example.com", false));
        assertNotNull(check.refusal("PUT", false, "null", null, "help.example.com", true), "a sandboxed page says Origin: null");
        assertNotNull(check.refusal("POST", false, null, "cross-site", "help.example.com", true), "no Origin, but the browser says cross-site");
        assertNotNull(check.refusal("POST", false, null, "same-site", "help.example.com", true), "a sibling subdomain is another site's page");
    }

    @Test
    void aWebSocketHandshakeFromAnotherSiteIsRefusedThoughItIsAGet() {
        assertNotNull(check.refusal("GET", true, "https://evil.example", "cross-site", "help.example.com", true));
        assertNull(check.refusal("GET", false, "https://evil.example", "cross-site", "help.example.com", true), "a plain read changes nothing");
    }

    @Test
    void programsThisServersOwnPagesAndListedSitesPass() {
        assertNull(check.refusal("POST", false, null, null, "help.example.com", true), "the Guest, curl and integrations send neither header");
        assertNull(check.refusal("POST", false, "https://help.example.com", "same-origin", "help.example.com", true));
        assertNull(check.refusal("POST", false, "https://help.example.com", null, "help.example.com:443", true));
        assertNull(check.refusal("POST", false, "http://localhost:8080", null, "localhost:8080", false));
        assertNull(check.refusal("POST", false, "https://Portal.Example.com", "cross-site", "help.example.com", true), "listed");
        assertNull(check.refusal("POST", false, null, "none", "help.example.com", true), "typed into the address bar");
    }

    @Test
    void aPlainHttpPageOnTheSameHostNameIsAnotherOrigin() {
        assertNotNull(check.refusal("POST", false, "http://help.example.com", null, "help.example.com", true));
        assertNotNull(check.refusal("POST", false, "https://help.example.com", null, "help.example.com", false));
    }

    @Test
    void anotherPortOrSchemeIsAnotherOrigin() {
        assertNotNull(check.refusal("POST", false, "http://localhost:9999", null, "localhost:8080", false));
        assertNotNull(check.refusal("POST", false, "http://help.example.com", null, "help.example.com:443", false));
        assertNotNull(check.refusal("POST", false, "ftp://help.example.com", null, "help.example.com", true));
    }
}
