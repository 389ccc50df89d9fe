package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    /** A problem document (RFC 9457) with this status, whose detail names the culprit, and no stack trace. */
    private static void assertProblem(Reply r, int status, String mentions) {
        assertEquals(status, r.status(), r.toString());
        assertEquals("application/problem+json", r.header("Content-Type"), r.toString());
        assertEquals(status, r.json().getInt("status"));
        assertTrue(r.json().getString("title").length() > 0);
        assertTrue(r.json().getString("detail").contains(mentions), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("at io.") || r.body().contains("at org."), r.body());
    }

    @Test
    void badFiltersAre400ProblemsNamingTheParameter() {
        Api billing = HelpDesk.admin();
        assertProblem(billing.get("/api/call-records?from=yesterday"), 400, "from");
        assertProblem(billing.get("/api/call-records?to=2026-13-45"), 400, "to");
        assertProblem(billing.get("/api/call-records?size=0"), 400, "size");
        assertProblem(billing.get("/api/call-records?size=100000"), 400, "size");
        assertProblem(billing.get("/api/call-records?page=first"), 400, "page");
        assertProblem(billing.get("/api/call-records?closed=maybe"), 400, "closed");
        assertProblem(billing.get("/api/call-records?from=2026-11-02&to=2026-11-01"), 400, "before");
        assertProblem(billing.get("/api/events?type=coffee_break"), 400, "type");
    }

    @Test
    void badIdsAre400AndUnknownOnes404() {
        Api admin = HelpDesk.admin();
        assertProblem(admin.get("/api/call-records/abc"), 400, "id");
        assertProblem(admin.get("/api/call-records/-4"), 400, "id");
        assertProblem(admin.get("/api/call-records/987654321"), 404, "987654321");
        assertProblem(admin.post("/api/queue/987654321/claim", null), 404, "987654321");
        assertProblem(admin.get("/api/technicians/987654321"), 404, "987654321");
    }

    @Test
    void malformedBodiesAre400AndLoseNothing() {
        Api admin = HelpDesk.admin();
        long before = admin.get("/api/technicians").array().size();
        assertProblem(admin.post("/api/technicians", "{\"login\": "), 400, "JSON");
        assertProblem(admin.post("/api/technicians", "[1,2,3]"), 400, "JSON");
        assertProblem(admin.post("/api/technicians", null), 400, "JSON body");
        assertProblem(admin.post("/api/technicians",
                "{\"login\":\"Bad Login!\",\"password\":\"long enough password\",\"roles\":[\"technician\"]}"), 400, "login");
        assertProblem(admin.post("/api/technicians",
                "{\"login\":\"shorty\",\"password\":\"short\",\"roles\":[\"technician\"]}"), 400, "password");
        assertProblem(admin.post("/api/technicians",
                "{\"login\":\"norole\",\"password\":\"long enough password\",\"roles\":[\"wizard\"]}"), 400, "wizard");
        assertEquals(before, admin.get("/api/technicians").array().size(), "nothing was created");
    }

    @Test
    void aDuplicateLoginOrServiceNameIsAConflict() {
        String login = HelpDesk.account("bob", "technician");
        assertProblem(HelpDesk.admin().post("/api/technicians",
                "{\"login\":\"" + login + "\",\"password\":\"long enough password\",\"roles\":[\"technician\"]}"), 409, login);
        String service = HelpDesk.service(java.util.List.of(login));
        assertProblem(HelpDesk.admin().post("/api/services", "{\"name\":\"" + service + "\"}"), 409, service);
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        assertProblem(HelpDesk.admin().get("/api/no-such-thing"), 404, "no such resource");
        assertProblem(HelpDesk.admin().delete("/api/queue"), 405, "method");
    }

    @Test
    void aHostWithBadInputIsRefusedClearly() {
        String bob = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(java.util.List.of(bob));
        Reply noName = HelpDesk.askForService(service, "   ");
        assertEquals(400, noName.status());
        assertTrue(noName.json().getString("detail").contains("customerName"));
        Reply tooLong = HelpDesk.askForService(service, "x".repeat(500));
        assertEquals(400, tooLong.status());
        Reply noService = HelpDesk.askForService("No such service " + service, "ann");
        assertEquals(404, noService.status());
    }
}
