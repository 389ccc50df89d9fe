package io.deskside.host.session;

import io.deskside.host.TestKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.TestRelay;
import io.deskside.host.input.HostWindows;
import io.deskside.host.input.InputInjector;
import io.deskside.host.screen.PointerSource;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.Annotation;
import io.deskside.protocol.desktop.DesktopMessage.CursorPosition;
import io.deskside.protocol.desktop.DesktopMessage.CursorShape;
import io.deskside.protocol.desktop.DesktopMessage.PermissionRefused;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.DesktopType;
import io.deskside.protocol.session.DesktopSession;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.Message.Permission;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Host session joined to a Guest's desktop session by the in-memory relay: the technician's
 * annotations reach the end user's screen only with ANNOTATE, and the end user's pointer reaches
 * the technician (apart from the screen) only with VIEW.
 */
class PointerAndAnnotationSessionTest {

    private final TestRelay toGuest = new TestRelay();
    private final TestRelay toHost = new TestRelay();
    private final BlockingQueue<Exception> failures = new LinkedBlockingQueue<>();
    private final BlockingQueue<DesktopMessage> guestControl = new LinkedBlockingQueue<>();
    private final BlockingQueue<DesktopMessage> guestCursor = new LinkedBlockingQueue<>();
    /** What reached the end user's screen: annotations, and "ended". */
    private final BlockingQueue<Object> drawn = new LinkedBlockingQueue<>();
    private volatile PointerSource.At pointer = new PointerSource.At(40, 30);
    private HostSession host;
    private DesktopSession guest;

    private final Annotations screen = new Annotations() {
        @Override
        public void show(Annotation annotation) {
            drawn.add(annotation);
        }

        @Override
        public void sessionEnded() {
            drawn.add("ended");
        }
    };

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
            guest.close();
        }
        assertNull(failures.poll(), "no side broke the protocol");
    }

    @Test
    void anAnnotationWithoutAnnotateIsRefusedAndNotDrawn() throws Exception {
        open(Set.of(Permission.VIEW, Permission.CONTROL));
        assertTrue(guest.send(new Annotation(10, 20, Annotation.Mode.POINTER)));
        PermissionRefused refused = refusal();
        assertEquals(DesktopType.ANNOTATION, refused.refusedType());
        assertEquals(Permission.ANNOTATE, refused.permission());
        assertNull(drawn.poll(100, TimeUnit.MILLISECONDS));
    }

    @Test
    void withAnnotateTheAnnotationIsDrawnAndTakenOffWhenTheSessionEnds() throws Exception {
        open(Set.of(Permission.VIEW, Permission.ANNOTATE));
        Annotation pointing = new Annotation(10, 20, Annotation.Mode.POINTER);
        assertTrue(guest.send(pointing));
        assertTrue(guest.send(new Annotation(10, 20, Annotation.Mode.PULSE)));
        assertEquals(pointing, drawn.poll(5, TimeUnit.SECONDS));
        assertEquals(Annotation.Mode.PULSE, assertInstanceOf(Annotation.class, drawn.poll(5, TimeUnit.SECONDS)).mode());
        host.close();
        assertEquals("ended", drawn.poll(5, TimeUnit.SECONDS));
        assertNull(drawn.poll(100, TimeUnit.MILLISECONDS), "ended once");
    }

    @Test
    void withViewThePointerGoesApartFromTheScreen() throws Exception {
        open(Set.of(Permission.VIEW));
        CursorShape arrow = assertInstanceOf(CursorShape.class, guestCursor.poll(5, TimeUnit.SECONDS));
        assertEquals(0, arrow.slot());
        assertEquals(new CursorPosition(40, 30, true), guestCursor.poll(5, TimeUnit.SECONDS));
        pointer = new PointerSource.At(41, 30);
        assertEquals(new CursorPosition(41, 30, true), guestCursor.poll(5, TimeUnit.SECONDS));
        host.close();
        Thread.sleep(100);
        guestCursor.clear();
        pointer = new PointerSource.At(50, 50);
        assertNull(guestCursor.poll(200, TimeUnit.MILLISECONDS), "nothing after the session ended");
    }

    @Test
    void withoutViewThePointerIsNotSent() throws Exception {
        open(Set.of(Permission.CHAT));
        assertNull(guestCursor.poll(300, TimeUnit.MILLISECONDS));
    }

    private PermissionRefused refusal() throws InterruptedException {
        while (true) {
            DesktopMessage m = guestControl.poll(5, TimeUnit.SECONDS);
            if (m == null || m instanceof PermissionRefused) {
                return (PermissionRefused) m;
            }
        }
    }

    private void open(Set<Permission> inForce) throws Exception {
        SessionKeys[] k = TestKeys.agreed();
        InputInjector.Robotic noInput = (InputInjector.Robotic) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {InputInjector.Robotic.class}, (p, m, a) -> {
                    throw new AssertionError("no input in these tests");
                });
        LocalDesktop desktop = new LocalDesktop(() -> {
            throw new AssertionError("no screen in these tests");
        }, noInput, HostWindows.NONE).annotatedBy(screen).pointedBy(() -> pointer);
        host = new HostSession(k[0].forHost(), toGuest, inForce, desktop, new HostSession.Listener() {
            @Override
            public void chat(String text) {
            }

            @Override
            public void blocked(Permission permission) {
            }
        }, failures::add);
        guest = new DesktopSession(Message.Role.GUEST, k[1].forGuest(), toHost,
                Map.of(DesktopStream.CONTROL, guestControl::add, DesktopStream.CURSOR, guestCursor::add), failures::add);
        toGuest.connect(guest::arrived, guest::credit);
        toHost.connect(host::arrived, host::credit);
        host.start();
        guest.start();
    }

}
