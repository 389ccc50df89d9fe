package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void callsWithoutCredentialsGet401WithABasicChallenge() {
        for (String path : new String[] {"/api/queue", "/api/call-records", "/api/tickets", "/api/technicians", "/api/me"}) {
            Reply r = Api.anonymous().get(path);
            assertEquals(401, r.status(), path);
            assertEquals("Basic realm=\"Deskside\"", r.header("WWW-Authenticate"), path);
            assertTrue(r.header("Content-Type").startsWith("application/problem+json"), path);
            assertEquals(401, r.json().getInt("status"), path);
        }
    }

    @Test
    void aWrongPasswordGets401AndIsLogged() {
        String login = HelpDesk.account("bob", "technician");
        assertEquals(401, Api.as(login, "not the password").get("/api/me").status());
        assertEquals(401, Api.as("nobody-" + login, "whatever").get("/api/me").status());
        boolean logged = HelpDesk.admin().get("/api/events?type=login_failed&size=1000").array().stream()
                .map(v -> v.asJsonObject())
                .anyMatch(e -> e.getString("actor").equals(login) && e.getString("detail").equals("wrong password"));
        assertTrue(logged, "the failed login is in the event log");
    }

    /**
     * A password typed into the login field must not stay in the immutable event log: a sign-in to
     * no account is logged without what was typed (nor does the lock-out it may lead to name it).
     */
    @Test
    void aSignInToNoAccountIsLoggedWithoutWhatWasTyped() {
        String typed = "Summer2026!secret-" + System.nanoTime();
        assertEquals(401, Api.as(typed, "whatever").get("/api/me").status());
        String events = HelpDesk.admin().get("/api/events?size=1000").body();
        assertFalse(events.contains(typed), "the typed login is nowhere in the event log");
        boolean logged = HelpDesk.admin().get("/api/events?type=login_failed&size=1000").array().stream()
                .map(v -> v.asJsonObject())
                .anyMatch(e -> e.getString("actor").equals("(unknown login)") && e.getString("detail").equals("unknown login"));
        assertTrue(logged, "the failure itself is logged");
    }

    @Test
    void eachRoleReachesOnlyItsOwnCalls() {
        Api tech = HelpDesk.as(HelpDesk.account("bob", "technician"));
        Api billing = HelpDesk.as(HelpDesk.account("bill", "billing"));
        Api supervisor = HelpDesk.as(HelpDesk.account("sue", "supervisor"));
        assertEquals(403, tech.get("/api/call-records").status());
        assertEquals(403, tech.get("/api/technicians").status());
        assertEquals(403, tech.post("/api/services", "{\"name\":\"x\"}").status());
        assertEquals(403, billing.post("/api/tickets", null).status());
        assertEquals(403, billing.get("/api/queue").status());
        assertEquals(200, billing.get("/api/call-records").status());
        assertEquals(200, supervisor.get("/api/technicians").status());
        assertEquals(403, supervisor.post("/api/technicians", "{}").status());
        Reply forbidden = tech.get("/api/call-records");
        assertEquals("application/problem+json", forbidden.header("Content-Type"));
        assertTrue(forbidden.json().getString("detail").contains("billing"), forbidden.body());
    }

    @Test
    void healthAndTheApiDescriptionNeedNoCredentials() {
        assertEquals("up", Api.anonymous().get("/api/health/live").json().getString("status"));
        assertEquals("up", Api.anonymous().get("/api/health/ready").json().getString("status"));
        Reply doc = Api.anonymous().get("/api/openapi");
        assertEquals(200, doc.status());
        assertTrue(doc.body().startsWith("openapi: 3.1"), doc.body().substring(0, 40));
        // A balancer's probe with credentials that have since changed still reads them.
        Reply stale = Api.as("nobody-" + HelpDesk.unique("probe"), "an old password").get("/api/health/live");
        assertEquals(200, stale.status(), stale.toString());
        assertEquals(200, Api.as("nobody-probe", "x").get("/host/credential").status(), "the download's pages too");
    }

    @Test
    void aDeactivatedAccountCanNoLongerSignIn() {
        String login = HelpDesk.account("bob", "technician");
        assertEquals(200, HelpDesk.as(login).get("/api/me").status());
        long id = HelpDesk.as(login).get("/api/me").json().getInt("id");
        assertEquals(200, HelpDesk.admin().put("/api/technicians/" + id, "{\"active\":false}").status());
        assertEquals(401, HelpDesk.as(login).get("/api/me").status(), "even with a remembered password");
    }

    @Test
    void aChangedPasswordReplacesTheOldOneAtOnce() {
        String login = HelpDesk.account("bob", "technician");
        assertEquals(200, HelpDesk.as(login).get("/api/me").status());
        String newPassword = "a new and longer passphrase";
        assertEquals(204, HelpDesk.as(login).put("/api/me/password", "{\"password\":\"" + newPassword + "\"}").status());
        assertEquals(401, HelpDesk.as(login).get("/api/me").status(), "the old password stops working");
        assertEquals(200, Api.as(login, newPassword).get("/api/me").status());
    }

    @Test
    void anAdministratorCannotLockThemselvesOut() {
        JsonObject me = HelpDesk.admin().get("/api/me").json();
        Reply r = HelpDesk.admin().put("/api/technicians/" + me.getInt("id"), "{\"roles\":[\"technician\"]}");
        assertEquals(409, r.status(), r.toString());
    }

    @Test
    void passwordHashesNeverLeaveTheServer() {
        Reply list = HelpDesk.admin().get("/api/technicians");
        assertEquals(200, list.status());
        assertTrue(!list.body().contains("pbkdf2") && !list.body().toLowerCase().contains("password"), list.body());
    }
}
