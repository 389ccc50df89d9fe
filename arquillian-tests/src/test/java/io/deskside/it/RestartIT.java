package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The help desk survives its server: a server killed outright (SIGKILL, no shutdown) comes back
 * with its waiting queue, its call records and an intact event log, and goes on working. A
 * session that was running ends as {@code lost} once the grace period has passed: its tunnels
 * lived in the old server's memory.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class RestartIT {

    public static final String CONTAINER = "restartable";
    static final String DEPLOYMENT = "restartable-deskside";
    public static final String BASE = "http://127.0.0.1:8180";

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aKilledServerComesBackWithItsQueueRecordsAndEventLog() throws Exception {
        controller.start(CONTAINER);
        deployer.deploy(DEPLOYMENT);
        try {
            Api admin = admin();
            String tech = create(admin, HelpDesk.unique("bob"), "technician");
            Api bob = HelpDesk.as(tech).at(BASE);
            String service = HelpDesk.unique("Service");
            assertEquals(201, admin.post("/api/services", Json.createObjectBuilder().add("name", service)
                    .add("technicians", Json.createArrayBuilder().add(tech)).build().toString()).status());
            long waiting = ask(service, "ann@pc-1");
            long inSession = ask(service, "ben@pc-2");
            assertEquals(200, bob.post("/api/queue/" + inSession + "/claim", null).status());
            assertEquals(204, host(inSession, "confirmed").status());
            long eventsBefore = admin.get("/api/events?size=1000").array().size();

            killOutright();
            controller.kill(CONTAINER);
            controller.start(CONTAINER);

            List<Long> queue = bob.get("/api/queue").array().stream()
                    .map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList();
            assertEquals(List.of(waiting), queue, "the waiting request is still waiting, the claimed one is not");
            JsonObject record = admin.get("/api/call-records/" + inSession).json();
            assertEquals(tech, record.getString("technician"));
            assertTrue(record.containsKey("confirmedAt"), "the confirmation was kept");
            assertTrue(admin.get("/api/events/verify").json().getBoolean("intact"));
            assertTrue(admin.get("/api/events?size=1000").array().size() > eventsBefore, "acknowledged events kept, new ones added");

            assertEquals(200, bob.post("/api/queue/" + waiting + "/claim", null).status(), "the queue still works (before the test server's 20 s queue timeout)");
            // Its tunnels died with the old server: past the grace period (5 s here) it ends as lost.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"lost".equals(admin.get("/api/call-records/" + inSession).json().getString("endReason", null))) {
                assertTrue(System.nanoTime() < deadline, "the orphaned session ended within the grace period and a sweep");
                Thread.sleep(200);
            }
            assertTrue(admin.get("/api/events?type=request_ended&size=1000").array().stream()
                    .map(v -> v.asJsonObject())
                    .anyMatch(e -> e.getJsonNumber("requestId") != null && e.getJsonNumber("requestId").longValue() == inSession
                            && e.getString("actor").equals("system") && e.getString("detail").contains("restarted")));
            assertEquals(409, host(inSession, "end?reason=host_ended").status(), "and cannot be ended twice");
            // The claim came before the sweep (grace 5 s, then a sweep every 5 s), so this means something:
            JsonObject claimedAfter = admin.get("/api/call-records/" + waiting).json();
            assertTrue(java.time.Instant.parse(claimedAfter.getString("claimedAt")).isBefore(
                    java.time.Instant.parse(admin.get("/api/call-records/" + inSession).json().getString("endedAt"))),
                    "the request was claimed before the orphans were swept");
            assertFalse(claimedAfter.containsKey("endReason"), "a request claimed after the restart is nobody's orphan");
        } finally {
            try {
                deployer.undeploy(DEPLOYMENT);
            } finally {
                controller.stop(CONTAINER);
            }
        }
    }

    /** The restartable server's first administrator. */
    public static Api admin() throws Exception {
        Path file = Path.of(System.getProperty("jboss.home"), "standalone-restart", "data", "deskside", "initial-admin-password");
        return Api.as("admin", Files.readString(file).strip()).at(BASE);
    }

    public static String create(Api admin, String login, String role) {
        Reply r = admin.post("/api/technicians", Json.createObjectBuilder().add("login", login)
                .add("password", HelpDesk.PASSWORD).add("roles", Json.createArrayBuilder().add(role)).build().toString());
        assertEquals(201, r.status(), r.toString());
        return login;
    }

    private static long ask(String service, String customer) {
        Reply r = Api.anonymous().at(BASE).post(Deployments.FIXTURE_CONTEXT + "/host/service", Json.createObjectBuilder()
                .add("service", service).add("customerName", customer).add("source", "192.0.2.50").build().toString());
        assertEquals(200, r.status(), r.toString());
        return r.json().getJsonNumber("id").longValue();
    }

    private static Reply host(long id, String action) {
        return Api.anonymous().at(BASE).post(Deployments.FIXTURE_CONTEXT + "/host/" + id + "/" + action, null);
    }

    /** SIGKILL: no shutdown hooks, no flush, exactly what a power cut leaves. */
    private static void killOutright() throws Exception {
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("-Ddeskside.restart.marker=true")).orElse(false))
                .toList();
        assertEquals(1, servers.size(), "exactly one restartable server runs");
        ProcessHandle server = servers.get(0);
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);
    }
}
