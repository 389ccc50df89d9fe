package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class QueueClaimIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void twentyTechniciansClaimingAtOnceLeaveExactlyOneWinner() throws Exception {
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            logins.add(HelpDesk.account("tech", "technician"));
        }
        String service = HelpDesk.service(logins);
        long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
        List<Api> technicians = logins.stream().map(HelpDesk::as).toList();
        for (Api t : technicians) {
            // Signed in beforehand, so the claims race each other and not the password hash.
            assertTrue(waiting(t).contains(id));
        }

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> claims = new ArrayList<>();
        for (Api t : technicians) {
            claims.add(pool.submit(() -> {
                go.await();
                return t.post("/api/queue/" + id + "/claim", null);
            }));
        }
        go.countDown();
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> f : claims) {
            replies.add(f.get());
        }
        pool.shutdown();

        List<Reply> won = replies.stream().filter(r -> r.status() == 200).toList();
        List<Reply> lost = replies.stream().filter(r -> r.status() == 409).toList();
        assertEquals(1, won.size(), replies.toString());
        assertEquals(19, lost.size(), replies.toString());
        String winner = won.get(0).json().getString("claimedBy");
        assertTrue(logins.contains(winner));
        for (Reply r : lost) {
            assertEquals("application/problem+json", r.header("Content-Type"));
            assertTrue(r.json().getString("detail").contains("taken by " + winner), r.body());
        }
        for (Api t : technicians) {
            assertFalse(waiting(t).contains(id), "a claimed request leaves every queue");
        }
        Reply record = HelpDesk.admin().get("/api/call-records/" + id);
        assertEquals(winner, record.json().getString("technician"));
    }

    @Test
    void aTicketRequestCanBeTakenOnlyByTheTechnicianWhoIssuedTheTicket() {
        String issuer = HelpDesk.account("bob", "technician");
        String other = HelpDesk.account("carol", "technician");
        String supervisor = HelpDesk.account("sue", "technician", "supervisor");
        String routing = HelpDesk.as(issuer).post("/api/tickets", null).json().getString("routing");
        long id = HelpDesk.askWithTicket(routing, "ann@pc-17", "198.51.100.20").json().getJsonNumber("id").longValue();

        assertEquals(404, HelpDesk.as(other).post("/api/queue/" + id + "/claim", null).status(), "not in carol's queues");
        assertTrue(waiting(HelpDesk.as(supervisor)).contains(id), "a supervisor sees every queue");
        Reply bySupervisor = HelpDesk.as(supervisor).post("/api/queue/" + id + "/claim", null);
        assertEquals(403, bySupervisor.status(), bySupervisor.toString());
        assertTrue(bySupervisor.json().getString("detail").contains(issuer));
        Reply byIssuer = HelpDesk.as(issuer).post("/api/queue/" + id + "/claim", null);
        assertEquals(200, byIssuer.status(), byIssuer.toString());
        assertEquals("claimed", byIssuer.json().getString("state"));
    }

    @Test
    void aSupervisorWhoIsNoTechnicianCannotTakeRequests() {
        String bob = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(bob));
        long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
        Api sue = HelpDesk.as(HelpDesk.account("sue", "supervisor"));
        assertTrue(waiting(sue).contains(id), "she sees it");
        assertEquals(403, sue.post("/api/queue/" + id + "/claim", null).status(), "but only technicians run sessions");
    }

    @Test
    void aTechnicianSeesOnlyTheServicesTheyServe() {
        String serving = HelpDesk.account("bob", "technician");
        String notServing = HelpDesk.account("carol", "technician");
        String service = HelpDesk.service(List.of(serving));
        long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
        assertTrue(waiting(HelpDesk.as(serving)).contains(id));
        assertFalse(waiting(HelpDesk.as(notServing)).contains(id));
        assertEquals(404, HelpDesk.as(notServing).post("/api/queue/" + id + "/claim", null).status());
    }

    @Test
    void claimingARequestThatNoLongerWaitsIsAConflict() {
        String bob = HelpDesk.account("bob", "technician");
        String service = HelpDesk.service(List.of(bob));
        long id = HelpDesk.askForService(service, "ann@pc-17").json().getJsonNumber("id").longValue();
        assertEquals(204, HelpDesk.host(id, "end?reason=abandoned").status());
        Reply late = HelpDesk.as(bob).post("/api/queue/" + id + "/claim", null);
        assertEquals(409, late.status(), late.toString());
        assertTrue(late.json().getString("detail").contains("abandoned"), late.body());
    }

    static List<Long> waiting(Api technician) {
        Reply r = technician.get("/api/queue");
        assertEquals(200, r.status(), r.toString());
        return r.array().stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList();
    }
}
