package io.deskside.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.config.HostConfig;
import io.deskside.it.RestartIT;
import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import io.deskside.protocol.ticket.TicketCode;
import java.net.URI;
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
 * A help desk that keeps Host credentials for signed-in accounts
 * ({@code deskside.host.credential-sign-in=required}, set on the restartable test server): the
 * download page's credential asks for HTTP Basic of a technician, and a Host made without a
 * credential asks its user for a user name and password at Connect, then goes on as any Host.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostSignInIT {

    static final String DEPLOYMENT = "sign-in-deskside";
    static final String CREDENTIAL = "/host/credential";

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
    void aHostWithoutACredentialSignsInAndTheCredentialPageAnswersOnlyTechnicians() throws Exception {
        controller.start(RestartIT.CONTAINER);
        deployer.deploy(DEPLOYMENT);
        try {
            Api admin = RestartIT.admin();
            String tech = RestartIT.create(admin, HelpDesk.unique("bob"), "technician");
            String billing = RestartIT.create(admin, HelpDesk.unique("bill"), "billing");
            String guessed = RestartIT.create(admin, HelpDesk.unique("eve"), "technician");

            Reply nobody = Api.anonymous().at(RestartIT.BASE).get(CREDENTIAL);
            assertEquals(401, nobody.status(), nobody.toString());
            assertEquals("Basic realm=\"Deskside\"", nobody.header("WWW-Authenticate"));
            Reply technician = Api.as(tech, HelpDesk.PASSWORD).at(RestartIT.BASE).get(CREDENTIAL);
            assertEquals(200, technician.status(), technician.toString());
            assertTrue(technician.json().getString("credential").startsWith("h1."), technician.toString());
            assertEquals(403, Api.as(billing, HelpDesk.PASSWORD).at(RestartIT.BASE).get(CREDENTIAL).status(),
                    "an account that runs no sessions gets no Host");
            Reply last = null;
            for (int i = 0; i < 12 && (last == null || last.status() == 401); i++) {
                last = Api.as(guessed, "not the password " + i).at(RestartIT.BASE).get(CREDENTIAL);
            }
            assertEquals(429, last.status(), "guessing a password here meets the sign-in's lock-out: " + last);
            assertNotNull(last.header("Retry-After"), last.toString());

            aHostAsksForTheSignIn(tech);
        } finally {
            try {
                deployer.undeploy(DEPLOYMENT);
            } finally {
                controller.stop(RestartIT.CONTAINER);
            }
        }
    }

    /** The Host has no credential: Connect asks for a user name and password, and with a technician's, the request waits in the queue. */
    private static void aHostAsksForTheSignIn(String tech) throws Exception {
        Xvfb display = Xvfb.display();
        Api bob = HelpDesk.as(tech).at(RestartIT.BASE);
        TicketCode code = HostTicketSessionIT.issueTicket(bob);
        URI tunnel = URI.create(RestartIT.BASE.replace("http://", "ws://") + "/tunnel");
        HostConfig noCredential = HostConfig.ticket(tunnel, List.of(), null);
        try (TestDesktop desktop = TestDesktop.start(display);
                HostProcess host = HostProcess.start(display, noCredential, "sign-in")) {
            HostProcess.Window window = host.awaitWindow(HostTicketSessionIT.TITLE);
            host.awaitFocus(window);
            desktop.type(code.routing().digits() + "-" + code.secret().reveal().substring(0, 3) + "-" + code.secret().reveal().substring(3));
            desktop.key("Enter");
            HostProcess.Window signIn = host.awaitWindow(w -> w.title().equals(HostTicketSessionIT.TITLE) && !w.id().equals(window.id()),
                    "the sign-in");
            host.awaitFocus(signIn);
            Screenshots.take(host, signIn, "sign-in");
            desktop.type(tech);
            desktop.key("Tab");
            desktop.type(HelpDesk.PASSWORD);
            desktop.key("Enter");
            host.awaitWindow(HostTicketSessionIT.WAITING);
            String routing = code.routing().digits();
            assertTrue(bob.get("/api/queue").array().stream().map(v -> v.asJsonObject())
                    .anyMatch(r -> routing.equals(r.getString("ticket", null))), "signed in, the Host's request waits in the queue");
        }
    }
}
