package io.deskside.host.screen;

import io.deskside.host.TestKeys;
import io.deskside.host.TestRelay;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.input.HostWindows;
import io.deskside.host.input.InputInjector;
import io.deskside.host.session.HostSession;
import io.deskside.host.session.LocalDesktop;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.PermissionRefused;
import io.deskside.protocol.desktop.DesktopMessage.PermissionsInForce;
import io.deskside.protocol.desktop.DesktopMessage.Pointer;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.DesktopType;
import io.deskside.protocol.desktop.screen.Capture;
import io.deskside.protocol.desktop.screen.ScreenDecoder;
import io.deskside.protocol.session.DesktopSession;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.Message.Permission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Host's session (its {@link ScreenService} behind a real {@link DesktopSession}) joined to a
 * Guest's desktop session and screen decoder by an in-memory relay that delivers in order, as the
 * gateway does. The screen is a fake capture the test changes.
 */
class ScreenServiceTest {

    private static final int W = 300;
    private static final int H = 200;


    /** A screen the test paints; it counts how often it was captured. */
    private static final class FakeScreen implements ScreenCapture {
        volatile Capture current;
        /** The monitors the capture tells, or null for one the size of the capture. */
        volatile List<Layout.Monitor> monitors;
        final AtomicInteger captures = new AtomicInteger();

        FakeScreen(int colour) {
            paint(colour);
        }

        void paint(int colour) {
            int[] px = new int[W * H];
            for (int i = 0; i < px.length; i++) {
                px[i] = 0xFF00_0000 | (colour + (i % W)) & 0xFF_FFFF;
            }
            current = new Capture(W, H, px);
        }

        @Override
        public Capture capture() {
            captures.incrementAndGet();
            return current;
        }

        @Override
        public List<Layout.Monitor> monitors(Capture taken) {
            List<Layout.Monitor> m = monitors;
            return m == null ? ScreenCapture.super.monitors(taken) : m;
        }
    }

    /** Pointer and key events have nowhere to go in these tests. */
    private static final InputInjector.Robotic NO_INPUT = new InputInjector.Robotic() {
        @Override
        public void mouseMove(int x, int y) {
            throw new AssertionError("no input without CONTROL");
        }

        @Override
        public void mousePress(int button) {
            throw new AssertionError("no input without CONTROL");
        }

        @Override
        public void mouseRelease(int button) {
            throw new AssertionError("no input without CONTROL");
        }

        @Override
        public void mouseWheel(int notches) {
            throw new AssertionError("no input without CONTROL");
        }

        @Override
        public void keyPress(int keyCode) {
            throw new AssertionError("no input without CONTROL");
        }

        @Override
        public void keyRelease(int keyCode) {
            throw new AssertionError("no input without CONTROL");
        }
    };

    private record Drawn(long requestId, int[] pixels) {
    }

    private final TestRelay toGuest = new TestRelay();
    private final TestRelay toHost = new TestRelay();
    private final BlockingQueue<Exception> failures = new LinkedBlockingQueue<>();
    private final BlockingQueue<Drawn> drawn = new LinkedBlockingQueue<>();
    private final BlockingQueue<DesktopMessage> guestControl = new LinkedBlockingQueue<>();
    private final BlockingQueue<Layout> layouts = new LinkedBlockingQueue<>();
    private final FakeScreen screen = new FakeScreen(0x102030);
    private final ScreenDecoder decoder = new ScreenDecoder(DesktopMessage.MAX_DESKTOP_PIXELS);
    private HostSession host;
    private DesktopSession guest;

    private void open(Set<Permission> inForce) throws Exception {
        SessionKeys[] k = TestKeys.agreed();
        host = new HostSession(k[0].forHost(), toGuest, inForce, new LocalDesktop(screen, NO_INPUT, HostWindows.NONE), new HostSession.Listener() {
            @Override
            public void chat(String text) {
            }

            @Override
            public void blocked(Permission permission) {
            }
        }, failures::add);
        guest = new DesktopSession(Message.Role.GUEST, k[1].forGuest(), toHost, Map.of(DesktopStream.SCREEN, m -> {
            decoder.apply(m);
            if (m instanceof Layout l) {
                layouts.add(l);
            }
            if (m instanceof ScreenUpdate u && u.finalPart()) {
                drawn.add(new Drawn(u.requestId(), decoder.framebuffer().clone()));
            }
        }, DesktopStream.CONTROL, guestControl::add), failures::add);
        toGuest.connect(guest::arrived, guest::credit);
        toHost.connect(host::arrived, host::credit);
        host.start();
        guest.start();
    }

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
            guest.close();
        }
        decoder.close();
        assertNull(failures.poll(), "no side broke the protocol");
    }

    private Drawn full() throws Exception {
        assertTrue(guest.send(new UpdateRequest(1, 0, false, 1, 0, 0, W, H)));
        Drawn d = drawn.poll(10, TimeUnit.SECONDS);
        assertNotNull(d, "the full update arrived");
        return d;
    }

    @Test
    void aFullRequestIsAnsweredWithExactlyTheCapture() throws Exception {
        open(Set.of(Permission.VIEW));
        Drawn d = full();
        assertEquals(1, d.requestId());
        assertArrayEquals(screen.current.pixels(), d.pixels());
    }

    @Test
    void oneMonitorIsTheCaptureAndIsPrimary() throws Exception {
        open(Set.of(Permission.VIEW));
        full();
        Layout layout = layouts.poll(5, TimeUnit.SECONDS);
        assertNotNull(layout);
        assertEquals(new Layout(1, W, H, List.of(new Layout.Monitor(0, 0, W, H, true))), layout);
    }

    @Test
    void theMonitorsTheCaptureTellsGoToTheGuestAndAChangeIsANewGenerationWithAFullUpdate() throws Exception {
        List<Layout.Monitor> two = List.of(new Layout.Monitor(0, 0, 200, H, true), new Layout.Monitor(200, 0, 100, 150, false));
        screen.monitors = two;
        open(Set.of(Permission.VIEW));
        Drawn first = full();
        assertArrayEquals(screen.current.pixels(), first.pixels(), "the whole desktop, both monitors");
        assertEquals(new Layout(1, W, H, two), layouts.poll(5, TimeUnit.SECONDS));
        // The end user now shares the first monitor alone: the same size here, other monitors.
        List<Layout.Monitor> one = List.of(new Layout.Monitor(0, 0, W, H, true));
        screen.monitors = one;
        assertTrue(guest.send(new UpdateRequest(2, 1, true, 1, 0, 0, W, H)));
        Drawn after = drawn.poll(10, TimeUnit.SECONDS);
        assertNotNull(after, "a new layout is answered at once, though no pixel changed");
        assertEquals(new Layout(2, W, H, one), layouts.poll(5, TimeUnit.SECONDS));
        assertArrayEquals(screen.current.pixels(), after.pixels());
    }

    @Test
    void anIncrementalRequestWithNothingChangedWaitsForTheNextChange() throws Exception {
        open(Set.of(Permission.VIEW));
        full();
        int before = screen.captures.get();
        assertTrue(guest.send(new UpdateRequest(2, 1, true, 1, 0, 0, W, H)));
        assertNull(drawn.poll(300, TimeUnit.MILLISECONDS), "nothing changed, so nothing was sent");
        int parked = screen.captures.get() - before;
        assertTrue(parked >= 3 && parked <= 10, "captured again every 40 ms while parked, not more: " + parked);
        screen.paint(0x405060);
        Drawn d = drawn.poll(10, TimeUnit.SECONDS);
        assertNotNull(d, "the change was sent");
        assertEquals(2, d.requestId());
        assertArrayEquals(screen.current.pixels(), d.pixels());
    }

    @Test
    void aNewerRequestReplacesTheParkedOne() throws Exception {
        open(Set.of(Permission.VIEW));
        full();
        assertTrue(guest.send(new UpdateRequest(2, 1, true, 1, 0, 0, W, H)));
        Thread.sleep(100);
        assertTrue(guest.send(new UpdateRequest(3, 1, true, 1, 0, 0, W, H)));
        Thread.sleep(100);
        screen.paint(0x708090);
        Drawn d = drawn.poll(10, TimeUnit.SECONDS);
        assertNotNull(d);
        assertEquals(3, d.requestId());
        assertArrayEquals(screen.current.pixels(), d.pixels());
        assertNull(drawn.poll(200, TimeUnit.MILLISECONDS), "the replaced request is never answered");
    }

    @Test
    void withoutViewNothingIsCapturedAndTheRequestIsReportedAsRefused() throws Exception {
        open(Set.of(Permission.CHAT));
        assertInstanceOf(DesktopMessage.Hello.class, guestControl.poll(5, TimeUnit.SECONDS));
        assertEquals(new PermissionsInForce(Set.of(Permission.CHAT)), guestControl.poll(5, TimeUnit.SECONDS));
        assertTrue(guest.send(new UpdateRequest(1, 0, false, 1, 0, 0, W, H)));
        assertEquals(new PermissionRefused(DesktopType.UPDATE_REQUEST, Permission.VIEW, 1), guestControl.poll(5, TimeUnit.SECONDS));
        assertNull(drawn.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(0, screen.captures.get());
    }

    @Test
    void pointerMovesWithoutControlAreDroppedAndReportedOnceASecond() throws Exception {
        open(Set.of(Permission.VIEW));
        guestControl.poll(5, TimeUnit.SECONDS);
        guestControl.poll(5, TimeUnit.SECONDS);
        for (int i = 0; i < 50; i++) {
            assertTrue(guest.send(new Pointer(i, i, 0, 0, 0)));
        }
        PermissionRefused first = (PermissionRefused) guestControl.poll(5, TimeUnit.SECONDS);
        assertEquals(new PermissionRefused(DesktopType.POINTER, Permission.CONTROL, 1), first);
        PermissionRefused rest = (PermissionRefused) guestControl.poll(5, TimeUnit.SECONDS);
        assertNotNull(rest, "the drops after the first notice are reported together");
        assertEquals(49, rest.dropped());
        assertEquals(DesktopType.POINTER, rest.refusedType());
    }

    @Test
    void theFirstFullRequestIsAnsweredFromThePictureTakenWhenTheSessionStarted() throws Exception {
        open(Set.of(Permission.VIEW));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (screen.captures.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, screen.captures.get(), "the screen was captured once the session started, before any request");
        int[] atTheStart = screen.current.pixels().clone();
        assertTrue(guest.send(new UpdateRequest(7, 0, false, 1, 0, 0, W, H)));
        Drawn d = drawn.poll(10, TimeUnit.SECONDS);
        assertNotNull(d);
        assertEquals(7, d.requestId(), "the head start answers as the request it became");
        assertArrayEquals(atTheStart, d.pixels());
        assertEquals(1, screen.captures.get(), "no second capture for it");
        assertNotNull(layouts.poll(1, TimeUnit.SECONDS), "the layout came first");

        screen.paint(0x334455);
        assertTrue(guest.send(new UpdateRequest(8, 1, true, 1, 0, 0, W, H)));
        Drawn next = drawn.poll(10, TimeUnit.SECONDS);
        assertNotNull(next, "an incremental request after it sees what changed since");
        assertArrayEquals(screen.current.pixels(), next.pixels());
    }

    @Test
    void aFirstRequestTheHeadStartDoesNotAnswerGetsTheLayoutAndAPictureOfItsOwn() throws Exception {
        open(Set.of(Permission.VIEW));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (screen.captures.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        screen.paint(0x506070);
        // Only the left half: not what the head start encoded.
        assertTrue(guest.send(new UpdateRequest(3, 0, false, 1, 0, 0, W / 2, H)));
        Drawn d = drawn.poll(10, TimeUnit.SECONDS);
        assertNotNull(d);
        assertEquals(3, d.requestId());
        assertNotNull(layouts.poll(1, TimeUnit.SECONDS), "the layout went, once");
        assertNull(layouts.poll(200, TimeUnit.MILLISECONDS));
        int[] now = screen.current.pixels();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W / 2; x++) {
                assertEquals(now[y * W + x], d.pixels()[y * W + x], "the region asked for, from a capture after the request, at " + x + "," + y);
            }
        }
        assertEquals(2, screen.captures.get());
    }
}
