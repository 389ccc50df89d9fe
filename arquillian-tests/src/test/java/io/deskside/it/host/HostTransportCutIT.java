package io.deskside.it.host;

import static io.deskside.it.host.HostTicketSessionIT.CONNECTED;
import static io.deskside.it.host.HostTicketSessionIT.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.config.HostConfig;
import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.StallingRelay;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.desktop.files.TransferState;
import io.deskside.protocol.ticket.TicketCode;
import io.deskside.protocol.wire.DisconnectReason;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The end user's network misbehaves in the middle of a session: the Host's tunnel runs through a
 * {@link StallingRelay} that first resets every connection (a Wi-Fi hand-over), then freezes
 * them (a dead NAT entry). The tunnel carries the session over new connections within its grace
 * period; the end user and the technician notice nothing but a pause: a file in flight arrives
 * whole, the screen still comes, chat still goes, and the gateway keeps the session open.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostTransportCutIT {

    static final int BIG_FILE_BYTES = 20 * 1024 * 1024;
    static final Duration TRANSFER_WAIT = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aSessionSurvivesACutAndAStallWithNothingLost() throws Exception {
        Xvfb display = Xvfb.display();
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        TicketCode code = HostTicketSessionIT.issueTicket(bob);
        URI gateway = HostTicketSessionIT.TUNNEL;
        try (StallingRelay relay = new StallingRelay(gateway.getHost(), gateway.getPort());
                TestDesktop desktop = TestDesktop.start(display);
                HostProcess host = HostProcess.start(display, throughRelay(relay), "transport-cut")) {
            var asked = HostTicketSessionIT.askWithTicket(host, desktop, code, bob);
            try (HeadlessGuest guest = HeadlessGuest.open(bob, asked.id(), code.secret())) {
                HostProcess.Window confirm = HostTicketSessionIT.awaitConfirmDialog(host, asked.window());
                host.awaitFocus(confirm);
                desktop.keys("alt+a");
                guest.awaitKeys(WAIT);
                HostProcess.Window bar = host.awaitWindow(CONNECTED);
                HostTicketSessionIT.assertTheGuestSeesTheScreen(display, guest);

                Path sent = HostTicketSessionIT.randomFile(Path.of("target", "guest-outbox"), "disk-image.bin", BIG_FILE_BYTES);
                FileId id = guest.offerFile(sent);
                HostTicketSessionIT.saveTheOfferedFile(host, desktop, bar, "disk-image.bin", null);
                assertTrue(guest.awaitAcknowledged(id, BIG_FILE_BYTES / 4, TRANSFER_WAIT), "a quarter of the file arrived before the cut");

                relay.cut();
                assertEquals(TransferState.DONE, guest.awaitFileEnded(id, TRANSFER_WAIT), "the file sent across the cut arrived whole");
                Path saved = host.world().home().resolve("Downloads").resolve("disk-image.bin");
                assertEquals(Footprint.sha256(sent), Footprint.sha256(saved), "not a byte lost or doubled across the cut");

                relay.stall();
                // The Host hears nothing for its stall time, then carries on over a new connection.
                HostTicketSessionIT.assertTheGuestSeesTheScreen(display, guest);
                HostTicketSessionIT.clickTheBar(host, desktop, bar);
                desktop.type("Still with you");
                desktop.key("Enter");
                assertEquals("Still with you", guest.awaitChat(WAIT), "chat goes on after the stall");

                assertTrue(host.showing(CONNECTED), "the end user's window still says Connected");
                JsonObject record = HelpDesk.admin().get("/api/call-records/" + asked.id()).json();
                assertTrue(!record.containsKey("endedAt") || record.isNull("endedAt"), "the gateway kept the session open: " + record);

                guest.disconnect();
                OptionalInt exit = host.awaitExit(WAIT);
                assertTrue(exit.isPresent(), "the Host exits once the technician ends the session");
                assertEquals(0, exit.getAsInt(), host.stderr());
                assertEquals(DisconnectReason.GUEST_ENDED.code(),
                        HelpDesk.admin().get("/api/call-records/" + asked.id()).json().getString("endReason", ""));
            }
        }
    }

    /** A Host for the test server whose tunnel goes through the relay (the pin does not care which port it came by). */
    private static HostConfig throughRelay(StallingRelay relay) throws Exception {
        URI direct = HostTicketSessionIT.TUNNEL;
        URI relayed = new URI(direct.getScheme(), null, direct.getHost(), relay.port(), direct.getPath(), null, null);
        return HostConfig.ticket(relayed, List.of(HostTicketSessionIT.testServerPin()), HelpDesk.hostCredential());
    }
}
