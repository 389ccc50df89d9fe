package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cross-site request forgery: a web page of another site that a technician visits can make the
 * browser send requests with the technician's remembered Basic credentials. A form of
 * {@code enctype="text/plain"} can even carry JSON. Every such request is refused and changes
 * nothing; programs (the Guest, curl, integrations) and the server's own pages are not held up.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrossSiteIT {

    /** What a browser adds to a form post from https://evil.example. */
    static final Map<String, String> EVIL_FORM = Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site",
            "Sec-Fetch-Mode", "navigate");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aFormOfAnotherSitePostingJsonAsTextCannotCreateAnAdministrator() {
        String login = HelpDesk.unique("mallory");
        String body = "{\"login\":\"" + login + "\",\"password\":\"" + HelpDesk.PASSWORD + "\",\"roles\":[\"admin\"],\"x\":\"=\"}";
        Reply r = HelpDesk.admin().send("POST", "/api/technicians", "text/plain", body, EVIL_FORM);
        assertEquals(403, r.status(), r.toString());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.toString());
        assertEquals(401, Api.as(login, HelpDesk.PASSWORD).get("/api/me").status(), "no account was made");
    }

    @Test
    void anotherSiteCannotRotateHostKeysClaimRequestsOrRevokeTickets() {
        long rotationsBefore = events("host_key_rotated");
        assertEquals(403, HelpDesk.admin().send("POST", "/api/host-keys/rotation", null, null, EVIL_FORM).status());
        assertEquals(rotationsBefore, events("host_key_rotated"), "nothing rotated");

        String login = HelpDesk.account("bob", "technician");
        Api bob = HelpDesk.as(login);
        String service = HelpDesk.service(List.of(login));
        long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
        assertEquals(403, bob.send("POST", "/api/queue/" + id + "/claim", null, null, EVIL_FORM).status());
        assertTrue(bob.get("/api/queue").body().contains("\"id\":" + id), "still waiting");

        long ticket = bob.post("/api/tickets", null).json().getJsonNumber("id").longValue();
        assertEquals(403, bob.send("DELETE", "/api/tickets/" + ticket, null, null,
                Map.of("Origin", "https://evil.example")).status());
        assertEquals(403, bob.send("POST", "/api/tickets", null, null, Map.of("Sec-Fetch-Site", "same-site")).status(),
                "a sibling site's page, though the browser sent no Origin");
        assertEquals("issued", bob.get("/api/tickets/" + ticket).json().getString("state"));
    }

    /** Without any browser header (a program), a body that is not JSON is refused all the same. */
    @Test
    void aBodyThatIsNotJsonIsRefusedWhoeverSendsIt() {
        String login = HelpDesk.unique("mallory");
        String body = "{\"login\":\"" + login + "\",\"password\":\"" + HelpDesk.PASSWORD + "\",\"roles\":[\"admin\"]}";
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            Reply r = HelpDesk.admin().send("POST", "/api/technicians", type, body, Map.of());
            assertEquals(415, r.status(), type + ": " + r);
            assertTrue(r.json().getString("detail").contains("JSON"), r.body());
        }
        assertEquals(401, Api.as(login, HelpDesk.PASSWORD).get("/api/me").status(), "no account was made");
    }

    @Test
    void programsAndTheServersOwnPagesAreNotHeldUp() {
        String login = HelpDesk.unique("carl");
        String body = "{\"login\":\"" + login + "\",\"password\":\"" + HelpDesk.PASSWORD + "\",\"roles\":[\"technician\"]}";
        Reply own = HelpDesk.admin().send("POST", "/api/technicians", "application/json", body,
                Map.of("Origin", Api.BASE, "Sec-Fetch-Site", "same-origin"));
        assertEquals(201, own.status(), "a page of this server: " + own);
        Reply tech = HelpDesk.as(login).send("POST", "/api/tickets", null, null, Map.of());
        assertEquals(201, tech.status(), "a program: " + tech);
    }

    @Test
    void aPageOfAnotherSiteCannotSubscribeToTheQueue() {
        String login = HelpDesk.account("bob", "technician");
        HttpClient http = HttpClient.newHttpClient();
        CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () -> http.newWebSocketBuilder()
                .header("Authorization", HelpDesk.as(login).authorization()).header("Origin", "https://evil.example")
                .buildAsync(URI.create(Api.BASE.replace("http", "ws") + "/api/queue/events"), new WebSocket.Listener() {
                }).orTimeout(10, TimeUnit.SECONDS).join());
        assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, String.valueOf(refused.getCause()));
        assertEquals(403, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }

    private static long events(String type) {
        return HelpDesk.admin().get("/api/events?type=" + type + "&size=1000").array().size();
    }
}
