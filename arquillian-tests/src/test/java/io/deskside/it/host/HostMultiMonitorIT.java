package io.deskside.it.host;

import static org.junit.jupiter.api.Assertions.fail;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.protocol.ticket.TicketCode;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real Host on a display of two monitors of its own ({@link Xvfb#withMonitors}): the main
 * one on the left, a smaller one on its right, black below it. The Guest sees the whole desktop,
 * each monitor pixel for pixel as the X server has it and the gap black; then the end user
 * shares the second screen alone from the connected window, by keys (Alt+S, the list, Enter),
 * and the Guest sees exactly that screen.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostMultiMonitorIT {

    static final Duration WAIT = HostTicketSessionIT.WAIT;
    /**
     * The main monitor and the second: together the size the Guest asks for ({@link Xvfb#WIDTH}
     * × {@link Xvfb#HEIGHT}), and the test desktop's picture, which covers that, spans the seam.
     */
    static final Rectangle MAIN = new Rectangle(0, 0, 1280, Xvfb.HEIGHT);
    static final Rectangle SECOND = new Rectangle(1280, 0, Xvfb.WIDTH - 1280, 900);
    /** A full update can still miss the Host's window settling, or come before the choice took effect: asked again, this long. */
    static final Duration SETTLE = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void theWholeDesktopOfTwoMonitorsReachesTheGuestAndTheEndUserCanShareOneScreenAlone() throws Exception {
        Xvfb display = Xvfb.withMonitors(MAIN, SECOND);
        try {
            Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
            TicketCode code = HostTicketSessionIT.issueTicket(bob);
            try (TestDesktop desktop = TestDesktop.start(display);
                    HostProcess host = HostProcess.start(display, HostTicketSessionIT.hostConfig(), "multi-monitor")) {
                HostTicketSessionIT.Asked asked = HostTicketSessionIT.askWithTicket(host, desktop, code, bob);
                try (HeadlessGuest guest = HeadlessGuest.open(bob, asked.id(), code.secret())) {
                    HostProcess.Window confirm = HostTicketSessionIT.awaitConfirmDialog(host, asked.window());
                    host.awaitFocus(confirm);
                    desktop.keys("alt+a");
                    guest.awaitKeys(WAIT);
                    HostProcess.Window bar = host.awaitWindow(HostTicketSessionIT.CONNECTED);
                    Screenshots.take(host, bar, "share");

                    assertTheGuestSees(display, guest, new Rectangle(0, 0, display.width(), display.height()), List.of(MAIN, SECOND), "all");

                    // "Share:" is Alt+S; Down opens the list (All screens, Screen 1 (main), Screen 2), two more reach Screen 2.
                    HostTicketSessionIT.clickTheBar(host, desktop, bar);
                    desktop.keys("alt+s");
                    desktop.key("Down");
                    desktop.key("Down");
                    desktop.key("Down");
                    desktop.key("Enter");
                    assertTheGuestSees(display, guest, SECOND, List.of(SECOND), "second");
                }
            }
        } finally {
            display.stop();
        }
    }

    /**
     * Full updates until the Guest's framebuffer is {@code shared} of the X server's root window:
     * inside {@code monitors} the same pixels, elsewhere black. Each miss leaves both pictures
     * under {@code target/screens/}.
     */
    private static void assertTheGuestSees(Xvfb display, HeadlessGuest guest, Rectangle shared, List<Rectangle> monitors, String name)
            throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String last = "";
        int attempt = 0;
        do {
            attempt++;
            guest.requestFull();
            int[] seen = guest.awaitFinalFrame(WAIT);
            int[] expected = expected(ScreenGrab.grab(display), display.width(), shared, monitors);
            int[] size = guest.frameSize();
            if (size[0] == shared.width && size[1] == shared.height && Arrays.equals(expected, seen)) {
                return;
            }
            last = size[0] != shared.width || size[1] != shared.height
                    ? "a framebuffer of " + size[0] + "x" + size[1] + ", not " + shared.width + "x" + shared.height
                    : ScreenGrab.difference(expected, seen, shared.width);
            Path dir = Path.of("target", "screens");
            ScreenGrab.savePng(seen, size[0], size[1], dir.resolve("multi-" + name + "-guest-" + attempt + ".png"));
            ScreenGrab.savePng(expected, shared.width, shared.height, dir.resolve("multi-" + name + "-xserver-" + attempt + ".png"));
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        fail("after " + attempt + " full updates the Guest's framebuffer (" + name + ") still differs from the screen: " + last
                + " (see target/screens/)");
    }

    /** The root window's pixels of {@code shared}, black where no monitor is (the test desktop's window covers the gap too). */
    private static int[] expected(int[] root, int rootWidth, Rectangle shared, List<Rectangle> monitors) {
        int[] out = new int[shared.width * shared.height];
        Arrays.fill(out, 0xFF000000);
        for (Rectangle m : monitors) {
            Rectangle in = m.intersection(shared);
            for (int y = in.y; y < in.y + in.height; y++) {
                System.arraycopy(root, y * rootWidth + in.x, out, (y - shared.y) * shared.width + in.x - shared.x, in.width);
            }
        }
        return out;
    }
}
