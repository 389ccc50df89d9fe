package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
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
 * Ticket guessing spread over many addresses: each address stays within its own bounds, so the
 * node keeps a budget of wrong tickets from all of them together (six a minute on this server,
 * the restartable one, so spending it disturbs no other test). Once it is spent, every ticket is
 * refused alike, whether its routing group is live or not, until the rate falls.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GuessBudgetIT {

    static final String DEPLOYMENT = "budget-deskside";

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(RestartIT.CONTAINER)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void wrongTicketsFromManyAddressesAreBoundedNodeWideAndThenLiveAndDeadGroupsLookAlike() throws Exception {
        controller.start(RestartIT.CONTAINER);
        deployer.deploy(DEPLOYMENT);
        try {
            Api admin = RestartIT.admin();
            Api bob = HelpDesk.as(RestartIT.create(admin, HelpDesk.unique("bob"), "technician")).at(RestartIT.BASE);
            JsonObject ticket = bob.post("/api/tickets", null).json();
            String live = ticket.getString("routing");
            String dead = String.format("%0" + live.length() + "d", (Integer.parseInt(live) + 1) % (int) Math.pow(10, live.length()));

            for (int i = 1; i <= 6; i++) {
                assertEquals(404, ask(dead, "198.18.0." + i).status(), "wrong ticket " + i + ", each from an address of its own");
            }
            Reply liveRefused = ask(live, "198.18.1.1");
            Reply deadRefused = ask(dead, "198.18.1.2");
            assertEquals(429, liveRefused.status(), liveRefused.toString());
            assertEquals(429, deadRefused.status(), deadRefused.toString());
            assertEquals(deadRefused.json().getString("detail"), liveRefused.json().getString("detail"),
                    "a live group and a dead one get the same answer: nothing tells which groups are live");
            long wait = Long.parseLong(liveRefused.header("Retry-After"));
            assertTrue(wait >= 1 && wait <= 10, "the wait depends on the budget alone: " + wait);
            List<JsonObject> alarms = admin.get("/api/events?type=guessing_throttled&size=1000").array().stream()
                    .map(v -> v.asJsonObject()).toList();
            assertEquals(1, alarms.size(), "one alarm, not one per guess: " + alarms);
            assertTrue(alarms.get(0).getString("detail").startsWith("ALERT"), alarms.toString());

            Thread.sleep(wait * 1000 + 500);
            assertEquals(200, ask(live, "198.18.1.3").status(), "once the rate falls, the real caller gets through");
            assertEquals("issued", bob.get("/api/tickets/" + ticket.getInt("id")).json().getString("state"));
        } finally {
            try {
                deployer.undeploy(DEPLOYMENT);
            } finally {
                controller.stop(RestartIT.CONTAINER);
            }
        }
    }

    private static Reply ask(String routing, String source) {
        return Api.anonymous().at(RestartIT.BASE).post(Deployments.FIXTURE_CONTEXT + "/host/ticket", Json.createObjectBuilder()
                .add("routing", routing).add("customerName", "caller").add("source", source).build().toString());
    }
}
