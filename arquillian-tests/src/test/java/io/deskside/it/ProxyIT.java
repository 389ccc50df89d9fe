package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.Squid;
import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.net.PasswordAuthentication;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Host behind a corporate proxy (a real Squid that wants Basic authentication and lets no
 * WebSocket through): it finds its way in transaction mode and holds a whole session there.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProxyIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    /** Squid refuses to proxy to 127.0.0.1 by name only when told; the gateway is reached by its loopback address. */
    static URI endpoint() {
        return URI.create(Api.BASE + "/tunnel");
    }

    @Test
    void aHostBehindAnAuthenticatingProxyHoldsASessionInTransactionMode() throws Exception {
        try (Squid squid = Squid.start()) {
            GatewayTunnel.Options options = GatewayTunnel.Options.of(endpoint(), Message.Role.HOST, "Deskside Host test").credential(HelpDesk.hostCredential())
                    .proxy("127.0.0.1", squid.port(), new PasswordAuthentication(Squid.USER, Squid.PASSWORD.toCharArray()));
            TransportsIT.Session s = TransportsIT.ticketSession(options, Mode.WEBSOCKET);
            try (GatewayTunnel host = s.host(); GatewayTunnel guest = s.guest()) {
                assertEquals(Mode.TRANSACTION, host.mode(), "WebSocket and streaming did not get through the proxy");
                TransportsIT.screensFlow(s, 12, null);
                TransportsIT.chatFlow(s, 5);
                TransportsIT.endWithHotkey(s);
            }
            assertTrue(squid.accessLog().stream().anyMatch(l -> l.contains("POST") && l.contains("/tunnel") && l.contains(Squid.USER)),
                    "the Host's requests went through the proxy, signed in");
        }
    }

    @Test
    void aWrongProxyPasswordIsAClearFailure() throws Exception {
        try (Squid squid = Squid.start()) {
            GatewayTunnel.Options options = GatewayTunnel.Options.of(endpoint(), Message.Role.HOST, "Deskside Host test").credential(HelpDesk.hostCredential())
                    .proxy("127.0.0.1", squid.port(), new PasswordAuthentication(Squid.USER, "wrong".toCharArray()));
            IOException e = assertThrows(IOException.class, () -> GatewayTunnel.open(options));
            assertFalse(e.getMessage().isBlank(), "it says what went wrong");
        }
    }
}
