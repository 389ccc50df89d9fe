package io.deskside.it.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.config.HostConfig;
import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Squid;
import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.ticket.TicketCode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The end user's network has a proxy that wants a login (a real Squid with Basic authentication
 * that lets only HTTPS ports through CONNECT): the Host asks for the proxy's user name and
 * password in its window, tries again with them, and the help request goes through the proxy
 * on a transport the proxy carries.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostProxyIT {

    static final Duration WAIT = HostTicketSessionIT.WAIT;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aProxyThatWantsALoginGetsOneFromTheEndUserAndTheRequestGoesThrough() throws Exception {
        Xvfb display = Xvfb.display();
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        TicketCode code = HostTicketSessionIT.issueTicket(bob);
        try (Squid squid = Squid.start()) {
            URI tunnel = URI.create(Api.BASE.replace("http://", "ws://") + "/tunnel");
            HostConfig behindAProxy = new HostConfig(tunnel, List.of(), HelpDesk.hostCredential(), List.of(GatewayTunnel.Mode.values()),
                    "127.0.0.1:" + squid.port(), HostConfig.Mode.TICKET, List.of(), true, true, HostConfig.FULL_ACCESS, Map.of(),
                    HostConfig.DEFAULT_BRAND_NAME);
            try (TestDesktop desktop = TestDesktop.start(display);
                    HostProcess host = HostProcess.start(display, behindAProxy, "proxy", List.of("-Ddeskside.host.debug=true"))) {
                HostProcess.Window window = host.awaitWindow(HostTicketSessionIT.TITLE);
                host.awaitFocus(window);
                desktop.type(code.routing().digits() + "-" + code.secret().reveal().substring(0, 3) + "-" + code.secret().reveal().substring(3));
                desktop.key("Enter");

                // Every transport meets the proxy's demand; then the window asks for the proxy's login, focused on the user name.
                HostProcess.Window signIn = host.awaitWindow(HostTicketSessionIT.TITLE + " \u2013 Proxy sign-in");
                host.awaitFocus(signIn);
                assertTrue(squid.accessLog().stream().anyMatch(l -> l.contains("/407 ")), "the proxy asked for a login: " + squid.accessLog());
                Screenshots.take(host, signIn, "proxy");
                desktop.type(Squid.USER);
                desktop.key("Tab");
                desktop.type(Squid.PASSWORD);
                desktop.key("Enter");

                try {
                    host.awaitWindow(HostTicketSessionIT.WAITING);
                } catch (AssertionError e) {
                    host.screenshot(host.awaitWindow(HostTicketSessionIT.TITLE), java.nio.file.Path.of("target", "screens", "proxy-failed.png"));
                    throw new AssertionError(e.getMessage() + "; the proxy saw " + squid.accessLog() + "; the Host said: " + host.stderr(), e);
                }
                String routing = code.routing().digits();
                assertTrue(bob.get("/api/queue").array().stream().map(v -> v.asJsonObject())
                        .anyMatch(r -> routing.equals(r.getString("ticket", null))), "through the proxy, the request waits in the queue");
                assertTrue(squid.accessLog().stream().anyMatch(l -> l.contains("/tunnel") && l.contains(Squid.USER)),
                        "the request went through the proxy with the end user's login: " + squid.accessLog());
            }
        }
    }
}
