package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Deployments;
import io.deskside.it.support.FromAddress;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.WebSocketTunnel;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Anyone with a Host may open a tunnel, so what Hosts can make a node keep is bounded: the test
 * server takes 50 Host tunnels from one address (production: 200) and closes a Host that has
 * not asked for help 10 s after its hello (production: 2 minutes).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostLimitsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void oneAddressMayKeepOnlySoManyHostTunnels() throws Exception {
        long pick = 2 + System.nanoTime() % 120;
        String from = "127.0.0." + pick;
        String other = "127.0.0." + (pick + 125); // never the same as from
        byte[] hello = HelpDesk.hostHello("Deskside Host limits test").toFrame().encode();
        // Transaction mode: each POST of a hello opens a tunnel, answered with a welcome.
        for (int i = 0; i < 50; i++) {
            assertInstanceOf(Message.Welcome.class, first(FromAddress.post(from, "/tunnel", "application/vnd.deskside.frames", hello)),
                    "Host " + i);
        }
        Message refused = first(FromAddress.post(from, "/tunnel", "application/vnd.deskside.frames", hello));
        Message.Disconnect busy = assertInstanceOf(Message.Disconnect.class, refused);
        assertEquals(DisconnectReason.BUSY, busy.reason());
        assertTrue(busy.detail().startsWith("too many Hosts from this address are connected"), busy.detail());
        assertInstanceOf(Message.Welcome.class, first(FromAddress.post(other, "/tunnel", "application/vnd.deskside.frames", hello)),
                "another address");
    }

    @Test
    void aHostThatDoesNotAskForHelpIsClosed() throws Exception {
        try (WebSocketTunnel host = WebSocketTunnel.connect(HostTunnelIT.TUNNEL)) {
            host.send(HelpDesk.hostHello("Deskside Host test"));
            assertNotNull(host.await(Message.Welcome.class, HostTunnelIT.WAIT));
            long start = System.nanoTime();
            Message.Disconnect idle = host.await(Message.Disconnect.class, Duration.ofSeconds(20));
            assertNotNull(idle, "closed");
            assertEquals(DisconnectReason.IDLE, idle.reason());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds > 9 && seconds < 15, "after about ten seconds: " + seconds);
        }
    }

    private static Message first(FromAddress.Answer a) throws Exception {
        assertEquals(200, a.status(), a.toString());
        List<io.deskside.protocol.wire.Frame> frames = new FrameDecoder().feed(a.bytes());
        return Message.decode(frames.get(0));
    }
}
