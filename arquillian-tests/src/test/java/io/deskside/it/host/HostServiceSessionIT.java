package io.deskside.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deskside.host.config.HostConfig;
import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A help-service session with the real Host (configured for one service, {@code fixed}): the
 * end user presses Connect, bob claims, the end user allows, and the service key exchange runs.
 * The Host shows the verification code (in its title too, where the test reads it from outside)
 * and it is the Guest's; nothing leaves the Host before the end user says the codes match, and
 * then the Guest sees the screen as the X server has it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostServiceSessionIT {

    static final Duration WAIT = HostTicketSessionIT.WAIT;
    static final String CODE_TITLE = HostTicketSessionIT.TITLE + " \u2013 Code ";
    /** How long the Guest, with its keys, waits for anything the Host should not send yet. */
    static final Duration NOTHING_BEFORE_YES = Duration.ofMillis(500);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aHelpServiceSessionShowsTheSameVerificationCodeOnBothSides() throws Exception {
        Xvfb display = Xvfb.display();
        String technician = HelpDesk.account("bob", "technician");
        Api bob = HelpDesk.as(technician);
        String service = HelpDesk.service(List.of(technician));
        HostConfig fixed = HostTicketSessionIT.hostConfig().withMode(HostConfig.Mode.FIXED, List.of(service));
        try (TestDesktop desktop = TestDesktop.start(display);
                HostProcess host = HostProcess.start(display, fixed, "service")) {
            HostProcess.Window main = host.awaitWindow(HostTicketSessionIT.TITLE);
            host.awaitFocus(main);
            desktop.key("Enter"); // Connect is the default button
            host.awaitWindow(HostTicketSessionIT.WAITING);
            long id = claim(bob, service);
            try (HeadlessGuest guest = HeadlessGuest.openService(bob, id)) {
                HostProcess.Window confirm = HostTicketSessionIT.awaitConfirmDialog(host, main);
                host.awaitFocus(confirm);
                desktop.keys("alt+a");
                guest.awaitKeys(WAIT);

                HostProcess.Window coded = host.awaitWindow(w -> w.title().startsWith(CODE_TITLE), "the verification code");
                assertEquals(CODE_TITLE + guest.code(), coded.title(), "the end user reads the technician's code");
                Thread.sleep(NOTHING_BEFORE_YES.toMillis());
                assertEquals(0, guest.dataFrames(), "nothing sealed leaves the Host before the end user compared the codes: " + guest.received());
                Screenshots.take(host, coded, "code");

                host.awaitFocus(coded);
                desktop.keys("alt+y");
                host.awaitWindow(HostTicketSessionIT.CONNECTED);
                HostTicketSessionIT.assertTheGuestSeesTheScreen(display, guest);
            }
        }
    }

    /** The Host's request waits in bob's queue under the service; bob claims it. */
    private static long claim(Api bob, String service) {
        JsonObject request = bob.get("/api/queue").array().stream().map(v -> v.asJsonObject())
                .filter(r -> service.equals(r.getString("service", null))).findFirst()
                .orElseThrow(() -> new AssertionError("the Host's request is not in bob's queue under " + service));
        long id = request.getJsonNumber("id").longValue();
        Reply claimed = bob.post("/api/queue/" + id + "/claim", null);
        assertEquals(200, claimed.status(), claimed.toString());
        return id;
    }
}
