package io.deskside.it.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.deskside.host.config.HostConfig;
import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.it.support.Reply;
import io.deskside.protocol.ticket.TicketCode;
import io.deskside.protocol.wire.DisconnectReason;
import jakarta.json.JsonObject;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A ticket session with the real Host: the jar built for the test server and started with
 * {@code java -jar} in a fresh world on a virtual display, driven by keys pressed through the X
 * server ({@link TestDesktop}), with the technician's side played by a {@link HeadlessGuest}
 * through the real gateway. What the Guest sees is compared pixel for pixel with the display as
 * the X server has it ({@link ScreenGrab}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostTicketSessionIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String TITLE = "Deskside";
    static final String WAITING = "Deskside \u2013 Waiting\u2026";
    static final String CONNECTED = "Deskside \u2013 Connected";
    /** The Host's tunnel: TLS, pinned to the test server's own certificate (the pin does not care about the name). */
    static final URI TUNNEL = URI.create(Api.BASE.replace("http://", "wss://").replace(":8080", ":8443") + "/tunnel");
    static final int SCREEN_ATTEMPTS = 3;
    static final Duration TYPED_WAIT = Duration.ofSeconds(5);
    /**
     * The Host injects no key while one of its windows has the focus, nor for 500 ms after
     * ({@code WindowWatch.AFTER_FOCUS}): keys are sent this long after the click moved the focus.
     */
    static final Duration AFTER_HOST_FOCUS = Duration.ofMillis(600);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void aTicketSessionShowsTheTechnicianTheEndUsersScreenPixelForPixel() throws Exception {
        Xvfb display = Xvfb.display();
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        TicketCode code = issueTicket(bob);
        try (TestDesktop desktop = TestDesktop.start(display);
                HostProcess host = HostProcess.start(display, hostConfig(), "whole-session")) {
            Asked asked = askWithTicket(host, desktop, code, bob, true);
            try (HeadlessGuest guest = HeadlessGuest.open(bob, asked.id(), code.secret())) {
                HostProcess.Window confirm = awaitConfirmDialog(host, asked.window());
                host.awaitFocus(confirm);
                Screenshots.take(host, confirm, "confirm");
                desktop.keys("alt+a");
                guest.awaitKeys(WAIT);
                Screenshots.take(host, host.awaitWindow(CONNECTED), "connected");

                int[] first = assertTheGuestSeesTheScreen(display, guest);

                typeIntoTheField(host, guest, "abc");
                assertEquals("typed abc", desktop.nextReport(TYPED_WAIT),
                        "the Guest's click and keys reach the end user's text field; the Host refused " + guest.refusals());
                // The field paints its text a moment after it reports it: wait until the X server shows it.
                long painted = System.nanoTime() + WAIT.toNanos();
                while (Arrays.equals(first, ScreenGrab.grab(display)) && System.nanoTime() < painted) {
                    Thread.sleep(50);
                }
                int[] typed = assertTheGuestSeesTheScreen(display, guest);
                assertFalse(Arrays.equals(first, typed), "the Guest sees the text it typed: " + ScreenGrab.difference(first, typed, Xvfb.WIDTH));

                guest.disconnect();
                // The ended window closes by itself a few seconds later (before the Host exits).
                Screenshots.takeIfShowing(host, TITLE, "ended");
                OptionalInt exit = host.awaitExit(WAIT);
                assertTrue(exit.isPresent(), "the Host exits within " + WAIT + " of the technician ending the session");
                assertEquals(0, exit.getAsInt(), host.stderr());
                assertFalse(Files.exists(host.world().jar()), "the Host removed its own jar: " + host.world().jar());
                assertEquals(List.of(), listed(host.world().home()), "nothing written to the end user's home");
                assertEquals(List.of(), listed(host.world().tmp()), "nothing written to the temporary directory");
            }
        }
    }

    /**
     * The Guest clicks the test desktop's text field, waits until the click moved the keyboard
     * focus there (away from the Host's window), then types {@code text} and Enter as keys: the
     * test desktop reports {@code typed <text>}.
     */
    static void typeIntoTheField(HostProcess host, HeadlessGuest guest, String text) throws Exception {
        Rectangle field = TestDesktop.FIELD;
        guest.click((int) field.getCenterX(), (int) field.getCenterY());
        host.awaitFocus(host.awaitWindow(w -> w.title().equals(TestDesktop.TITLE), "the test desktop"));
        Thread.sleep(AFTER_HOST_FOCUS.toMillis());
        // The Host refuses keys while one of its windows has the focus, and for a moment after:
        // its own view of the focus can lag the X server's on a loaded machine. A Shift that
        // the Host lets through says it is ready for the text.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            int refusedBefore = guest.refusals().size();
            guest.key(KeyEvent.VK_SHIFT, true);
            guest.key(KeyEvent.VK_SHIFT, false);
            // Refusal notices of one kind are gathered for up to a second: wait that long.
            Thread.sleep(1200);
            if (guest.refusals().size() == refusedBefore) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "the Host kept refusing keys after the test desktop took the focus: " + guest.refusals());
        }
        guest.type(text);
        guest.press(KeyEvent.VK_ENTER);
    }

    static List<Path> listed(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).toList();
        }
    }

    @Test
    void denyingAccessEndsTheRequestAndNothingIsSent() throws Exception {
        Xvfb display = Xvfb.display();
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        TicketCode code = issueTicket(bob);
        try (TestDesktop desktop = TestDesktop.start(display);
                HostProcess host = HostProcess.start(display, hostConfig(), "deny")) {
            Asked asked = askWithTicket(host, desktop, code, bob);
            try (HeadlessGuest guest = HeadlessGuest.open(bob, asked.id(), code.secret())) {
                HostProcess.Window confirm = awaitConfirmDialog(host, asked.window());
                host.awaitFocus(confirm);
                desktop.key("Escape");

                assertEquals(DisconnectReason.DENIED, guest.awaitDisconnect(WAIT), "the technician is told the end user declined");
                assertEquals(0, guest.dataFrames(), "not one sealed record left the Host: " + guest.received());
                JsonObject record = HelpDesk.admin().get("/api/call-records/" + asked.id()).json();
                assertEquals("denied", record.getString("outcome"), record.toString());
            }
        }
    }

    /** bob's ticket with a server-made secret, so the test knows all nine digits the end user is told. */
    static TicketCode issueTicket(Api bob) {
        Reply r = bob.post("/api/tickets", "{\"secret\":\"server\"}");
        assertEquals(201, r.status(), r.toString());
        return TicketCode.parse(r.json().getString("code"));
    }

    /** A request the Host made, as bob's queue names it, and the Host's window that made it. */
    record Asked(long id, HostProcess.Window window) {
    }

    /** The end user types the ticket and presses Enter; the request waits in bob's queue, and bob claims it. */
    static Asked askWithTicket(HostProcess host, TestDesktop desktop, TicketCode code, Api bob) throws Exception {
        return askWithTicket(host, desktop, code, bob, false);
    }

    /** As {@link #askWithTicket(HostProcess, TestDesktop, TicketCode, Api)}; {@code screenshots}: this test takes the pictures of those states. */
    static Asked askWithTicket(HostProcess host, TestDesktop desktop, TicketCode code, Api bob, boolean screenshots) throws Exception {
        HostProcess.Window window = host.awaitWindow(TITLE);
        host.awaitFocus(window);
        if (screenshots) {
            Screenshots.take(host, window, "ticket");
        }
        desktop.type(code.routing().digits() + "-" + code.secret().reveal().substring(0, 3) + "-" + code.secret().reveal().substring(3));
        if (screenshots) {
            Screenshots.take(host, window, "ticket-typed");
        }
        desktop.key("Enter");
        HostProcess.Window waiting = host.awaitWindow(WAITING);
        if (screenshots) {
            Screenshots.take(host, waiting, "waiting");
        }
        String routing = code.routing().digits();
        JsonObject request = bob.get("/api/queue").array().stream().map(v -> v.asJsonObject())
                .filter(r -> routing.equals(r.getString("ticket", null))).findFirst()
                .orElseThrow(() -> new AssertionError("the Host's request is not in bob's queue"));
        long id = request.getJsonNumber("id").longValue();
        Reply claimed = bob.post("/api/queue/" + id + "/claim", null);
        assertEquals(200, claimed.status(), claimed.toString());
        return new Asked(id, window);
    }

    /** The Confirm dialog: a mapped window with Deskside in its title other than the Host's main window. */
    static HostProcess.Window awaitConfirmDialog(HostProcess host, HostProcess.Window main) throws InterruptedException {
        return host.awaitWindow(w -> w.title().contains(TITLE) && !w.id().equals(main.id()), "the Confirm dialog");
    }

    /**
     * A full update at scale 1 equals the screen as the X server has it. The desktop is static, but
     * the Host's own window may still be settling after the title change: a mismatch is retried
     * with a new full request, and each one leaves both pictures under {@code target/}. Returns the
     * Guest's framebuffer.
     */
    static int[] assertTheGuestSeesTheScreen(Xvfb display, HeadlessGuest guest) throws Exception {
        String last = "";
        for (int attempt = 1; attempt <= SCREEN_ATTEMPTS; attempt++) {
            guest.requestFull();
            int[] seen = guest.awaitFinalFrame(WAIT);
            int[] screen = ScreenGrab.grab(display);
            assertEquals(List.of(Xvfb.WIDTH, Xvfb.HEIGHT), Arrays.stream(guest.frameSize()).boxed().toList(), "the Guest's framebuffer");
            if (Arrays.equals(seen, screen)) {
                return seen;
            }
            last = ScreenGrab.difference(screen, seen, Xvfb.WIDTH);
            Path dir = Path.of("target", "screens");
            ScreenGrab.savePng(seen, Xvfb.WIDTH, Xvfb.HEIGHT, dir.resolve("guest-" + attempt + ".png"));
            ScreenGrab.savePng(screen, Xvfb.WIDTH, Xvfb.HEIGHT, dir.resolve("xserver-" + attempt + ".png"));
        }
        return fail("after " + SCREEN_ATTEMPTS + " full updates the Guest's framebuffer still differs from the screen: " + last
                + " (see target/screens/)");
    }

    /** A Host jar made for the test server: its WSS tunnel, the certificate's pin, a credential from the download page. */
    static HostConfig hostConfig() throws Exception {
        return HostConfig.ticket(TUNNEL, List.of(testServerPin()), HelpDesk.hostCredential());
    }

    /** SHA-256 of the test server's certificate (DER), from the key store prepare-server.sh made. */
    private static byte[] testServerPin() throws Exception {
        Path store = Path.of(System.getProperty("jboss.home"), "standalone", "configuration", "deskside.p12");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, System.getProperty("test.keystore.password").toCharArray());
        }
        assertNotNull(keys.getCertificate("deskside"), "the test key store holds the server's certificate");
        return MessageDigest.getInstance("SHA-256").digest(keys.getCertificate("deskside").getEncoded());
    }
}
