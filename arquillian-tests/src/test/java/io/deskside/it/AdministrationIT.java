package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdministrationIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void servicesListAndShowTheirStaff() {
        String bob = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(bob, "admin"));
        Reply all = HelpDesk.as(bob).get("/api/services");
        assertEquals(200, all.status(), all.toString());
        JsonObject mine = all.array().stream().map(v -> v.asJsonObject())
                .filter(s -> s.getString("name").equals(service)).findFirst().orElseThrow();
        assertEquals(List.of("admin", bob), mine.getJsonArray("technicians").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        Reply one = HelpDesk.as(bob).get("/api/services/" + mine.getInt("id"));
        assertEquals(200, one.status(), one.toString());
        assertEquals(2, one.json().getJsonArray("technicians").size());
    }

    @Test
    void restaffingAServiceChangesWhoSeesItsRequests() {
        String bob = HelpDesk.account("bob", "technician");
        String carol = HelpDesk.account("carol", "technician");
        String service = HelpDesk.service(List.of(bob));
        long serviceId = serviceId(service);
        long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
        assertFalse(QueueClaimIT.waiting(HelpDesk.as(carol)).contains(id));
        Reply changed = HelpDesk.admin().put("/api/services/" + serviceId, "{\"technicians\":[\"" + carol + "\"]}");
        assertEquals(200, changed.status(), changed.toString());
        assertTrue(QueueClaimIT.waiting(HelpDesk.as(carol)).contains(id));
        assertFalse(QueueClaimIT.waiting(HelpDesk.as(bob)).contains(id));
    }

    @Test
    void aServiceSwitchedOffTakesNoNewRequests() {
        String bob = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(bob));
        Reply off = HelpDesk.admin().put("/api/services/" + serviceId(service), "{\"active\":false}");
        assertEquals(200, off.status(), off.toString());
        assertFalse(off.json().getBoolean("active"));
        Reply asked = HelpDesk.askForService(service, "ann@pc-17");
        assertEquals(404, asked.status(), asked.toString());
    }

    @Test
    void anAdministratorManagesAccounts() {
        String login = HelpDesk.account("bob", "technician");
        Api admin = HelpDesk.admin();
        long id = HelpDesk.as(login).get("/api/me").json().getInt("id");
        Reply changed = admin.put("/api/technicians/" + id, "{\"displayName\":\"Bob Builder\",\"roles\":[\"technician\",\"supervisor\"]}");
        assertEquals(200, changed.status(), changed.toString());
        assertEquals("Bob Builder", changed.json().getString("displayName"));
        assertEquals(2, changed.json().getJsonArray("roles").size());
        assertEquals(200, HelpDesk.as(login).get("/api/technicians").status(), "now a supervisor");
        assertEquals(204, admin.put("/api/technicians/" + id + "/password", "{\"password\":\"set by the administrator\"}").status());
        assertEquals(401, HelpDesk.as(login).get("/api/me").status());
        assertEquals(200, Api.as(login, "set by the administrator").get("/api/me").status());
        assertEquals(login, admin.get("/api/technicians/" + id).json().getString("login"));
    }

    @Test
    void creatingOneLoginFromManyPlacesAtOnceGivesOneAccountAndConflictsNeverErrors() throws Exception {
        String login = HelpDesk.unique("race");
        String body = "{\"login\":\"" + login + "\",\"password\":\"long enough password\",\"roles\":[\"technician\"]}";
        Api admin = HelpDesk.admin();
        admin.get("/api/me");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var go = new java.util.concurrent.CountDownLatch(1);
        var replies = new java.util.ArrayList<java.util.concurrent.Future<Reply>>();
        for (int i = 0; i < 8; i++) {
            replies.add(pool.submit(() -> {
                go.await();
                return admin.post("/api/technicians", body);
            }));
        }
        go.countDown();
        var statuses = new java.util.ArrayList<Integer>();
        for (var f : replies) {
            statuses.add(f.get().status());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    }

    private static long serviceId(String name) {
        return HelpDesk.admin().get("/api/services").array().stream().map(v -> v.asJsonObject())
                .filter(s -> s.getString("name").equals(name)).findFirst().orElseThrow().getInt("id");
    }
}
