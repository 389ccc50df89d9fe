package io.deskside.host.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.config.HostConfig;
import io.deskside.host.input.HostWindows;
import io.deskside.host.input.InputInjector;
import io.deskside.host.screen.ScreenCapture;
import io.deskside.host.session.LocalDesktop;
import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.client.GatewayTunnel.OpenFailed;
import io.deskside.protocol.client.GatewayTunnel.Received;
import io.deskside.protocol.crypto.KeyExchangeFailed;
import io.deskside.protocol.crypto.TicketKeyExchange;
import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.PermissionsInForce;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.screen.Capture;
import io.deskside.protocol.desktop.screen.ScreenDecoder;
import io.deskside.protocol.session.DesktopSession;
import io.deskside.protocol.session.Keying;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.TicketCode;
import io.deskside.protocol.ticket.TicketSecret;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.Message.Permission;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A help request driven through a fake tunnel: the test plays the gateway (status, confirm
 * request, session) and the technician's side (its own key exchange and desktop session), and a
 * fake view plays the end user.
 */
class HelpRequestFlowTest {

    private static final TicketCode TICKET = TicketCode.parse("123-456-789");

    /** The gateway's end of the tunnel: what the Host sends, and the events the test puts in. */
    private static final class FakeTunnel implements HostTunnel {
        final BlockingQueue<Message> sent = new LinkedBlockingQueue<>();
        final BlockingQueue<GatewayTunnel.Event> events = new LinkedBlockingQueue<>();
        volatile boolean closed;

        @Override
        public void send(Message m) {
            sent.add(m);
        }

        @Override
        public long unsentBytes() {
            return 0;
        }

        @Override
        public void whenWritten(Runnable hook) {
        }

        @Override
        public GatewayTunnel.Event next(Duration wait) throws InterruptedException {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            closed = true;
        }

        void gives(Message m) {
            events.add(new Received(m));
        }

        /** The next message the Host sent that is not DATA or CREDIT. */
        Message nextSent() throws InterruptedException {
            while (true) {
                Message m = sent.poll(5, TimeUnit.SECONDS);
                if (m == null || !(m instanceof Message.Data) && !(m instanceof Message.Credit)) {
                    return m;
                }
            }
        }
    }

    /** The end user: allows what is shown (or denies), and answers the code question as told. */
    private static final class FakeView implements HostView {
        final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        final BlockingQueue<FailureText> ended = new LinkedBlockingQueue<>();
        volatile boolean allow = true;
        volatile boolean codesMatch = true;
        volatile Set<Permission> inForce;
        /** What the end user types when their proxy wants a login (null: they close the window). */
        volatile PasswordAuthentication proxyLogin;

        @Override
        public void proxySignIn(FailureText why, Consumer<PasswordAuthentication> login) {
            calls.add("proxy sign-in: " + why.title());
            login.accept(proxyLogin);
        }

        @Override
        public void waiting() {
            calls.add("waiting");
        }

        @Override
        public void confirm(String technician, Set<Permission> requested, Consumer<Set<Permission>> answer) {
            calls.add("confirm " + technician);
            answer.accept(allow ? requested : null);
        }

        @Override
        public void securing() {
            calls.add("securing");
        }

        @Override
        public void verify(String code, Consumer<Boolean> matches) {
            calls.add("verify");
            matches.accept(codesMatch);
        }

        @Override
        public void connected(String technician, Set<Permission> permissions) {
            inForce = permissions;
            calls.add("connected " + technician);
        }

        @Override
        public void chat(String text) {
            calls.add("chat " + text);
        }

        @Override
        public void blocked(Permission permission) {
            calls.add("blocked " + permission);
        }

        @Override
        public void ended(FailureText why) {
            ended.add(why);
        }
    }

    private static final class FakeScreen implements ScreenCapture {
        final AtomicInteger captures = new AtomicInteger();
        final Capture picture = new Capture(4, 2, new int[] {0xFF000000, 0xFFFFFFFF, 0xFF112233, 0xFF445566, 0xFF778899, 0xFFAABBCC,
                0xFFDDEEFF, 0xFF010203});

        @Override
        public Capture capture() {
            captures.incrementAndGet();
            return picture;
        }
    }

    private final FakeTunnel tunnel = new FakeTunnel();
    private final FakeView view = new FakeView();
    private final FakeScreen screen = new FakeScreen();
    private final InputInjector.Robotic input = new InputInjector.Robotic() {
        @Override
        public void mouseMove(int x, int y) {
        }

        @Override
        public void mousePress(int button) {
        }

        @Override
        public void mouseRelease(int button) {
        }

        @Override
        public void mouseWheel(int notches) {
        }

        @Override
        public void keyPress(int keyCode) {
        }

        @Override
        public void keyRelease(int keyCode) {
        }
    };
    private final BlockingQueue<GatewayTunnel.Options> opened = new LinkedBlockingQueue<>();
    private DesktopSession guest;

    private static HostConfig config(HostConfig.Mode mode, Set<Permission> allow) {
        return new HostConfig(URI.create("ws://127.0.0.1:8080/tunnel"), List.of(), "download-credential", List.of(GatewayTunnel.Mode.WEBSOCKET),
                "direct", mode, List.of("Payroll"), true, true, allow, Map.of(), "Deskside");
    }

    private HelpRequestFlow start(HostConfig config, HelpRequestFlow.Target target) {
        HelpRequestFlow flow = new HelpRequestFlow(config, target, "ann@pc", "printer jams", view, new LocalDesktop(screen, input, HostWindows.NONE), options -> {
            opened.add(options);
            return tunnel;
        });
        flow.start();
        return flow;
    }

    @AfterEach
    void close() {
        if (guest != null) {
            guest.close();
        }
    }

    /** Plays the technician's key exchange until it is done; returns its keying. */
    private Keying agree(Keying technician) throws Exception {
        for (Message.KeyExchange k : technician.start()) {
            tunnel.gives(k);
        }
        while (!technician.done()) {
            Message m = tunnel.nextSent();
            assertInstanceOf(Message.KeyExchange.class, m, "the Host's next key exchange round");
            for (Message.KeyExchange answer : technician.received((Message.KeyExchange) m)) {
                tunnel.gives(answer);
            }
        }
        return technician;
    }

    @Test
    void aTicketRequestOpensAsTheHostAndSendsOnlyTheRoutingDigits() throws Exception {
        start(config(HostConfig.Mode.TICKET, EnumSet.allOf(Permission.class)), new HelpRequestFlow.Ticket(TICKET));
        GatewayTunnel.Options o = opened.poll(5, TimeUnit.SECONDS);
        assertNotNull(o);
        assertEquals(Message.Role.HOST, o.role());
        assertEquals("download-credential", o.credential());
        assertEquals(List.of(GatewayTunnel.Mode.WEBSOCKET), o.modes());
        assertEquals(new Message.HelpRequest(true, "123", "ann@pc", "printer jams"), tunnel.nextSent());
        tunnel.gives(new Message.Status(Message.Status.State.WAITING, ""));
        assertEquals("waiting", view.calls.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aConfiguredProxyIsUsedForTheGatewayAndDirectMeansNone() {
        HostConfig viaProxy = new HostConfig(URI.create("ws://127.0.0.1:8080/tunnel"), List.of(), null, List.of(GatewayTunnel.Mode.values()),
                "[::1]:3128", HostConfig.Mode.TICKET, List.of(), true, true, EnumSet.of(Permission.VIEW), Map.of(), "Deskside");
        List<java.net.Proxy> chosen = HelpRequestFlow.options(viaProxy).proxy().select(URI.create("http://127.0.0.1:8080/tunnel"));
        assertEquals(new java.net.InetSocketAddress("::1", 3128), chosen.get(0).address());
        List<java.net.Proxy> none = HelpRequestFlow.options(config(HostConfig.Mode.TICKET, EnumSet.of(Permission.VIEW))).proxy()
                .select(URI.create("http://127.0.0.1:8080/tunnel"));
        assertEquals(java.net.Proxy.Type.DIRECT, none.get(0).type());
    }

    @Test
    void denyingAnswersNoAndNothingIsEverCaptured() throws Exception {
        start(config(HostConfig.Mode.TICKET, EnumSet.allOf(Permission.class)), new HelpRequestFlow.Ticket(TICKET));
        view.allow = false;
        tunnel.nextSent();
        tunnel.gives(new Message.ConfirmRequest("Bob", EnumSet.of(Permission.VIEW, Permission.CONTROL)));
        assertEquals(new Message.ConfirmAnswer(false), tunnel.nextSent());
        tunnel.gives(new Message.Disconnect(DisconnectReason.DENIED, ""));
        FailureText why = view.ended.poll(5, TimeUnit.SECONDS);
        assertEquals(FailureText.of(DisconnectReason.DENIED, true), why);
        assertEquals(0, screen.captures.get());
    }

    @Test
    void aSessionForAnotherRoutingGroupIsRefusedBeforeAnyKeyExchange() throws Exception {
        start(config(HostConfig.Mode.TICKET, EnumSet.allOf(Permission.class)), new HelpRequestFlow.Ticket(TICKET));
        tunnel.nextSent();
        tunnel.gives(new Message.ConfirmRequest("Bob", EnumSet.of(Permission.VIEW)));
        assertEquals(new Message.ConfirmAnswer(true), tunnel.nextSent());
        tunnel.gives(new Message.Session(SessionContext.ofTicket(41, "999")));
        Message m = tunnel.nextSent();
        assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, assertInstanceOf(Message.Disconnect.class, m).reason());
        tunnel.events.add(new GatewayTunnel.Closed(DisconnectReason.KEY_EXCHANGE_FAILED, ""));
        assertEquals(FailureText.of(DisconnectReason.KEY_EXCHANGE_FAILED, true), view.ended.poll(5, TimeUnit.SECONDS));
        assertTrue(tunnel.closed || waitClosed());
    }

    private boolean waitClosed() throws InterruptedException {
        for (int i = 0; i < 50 && !tunnel.closed; i++) {
            Thread.sleep(20);
        }
        return tunnel.closed;
    }

    @Test
    void aWrongSecretEndsWithKeyExchangeFailedAndTheTicketText() throws Exception {
        start(config(HostConfig.Mode.TICKET, EnumSet.allOf(Permission.class)), new HelpRequestFlow.Ticket(TICKET));
        tunnel.nextSent();
        tunnel.gives(new Message.ConfirmRequest("Bob", EnumSet.of(Permission.VIEW)));
        tunnel.nextSent();
        SessionContext context = SessionContext.ofTicket(41, "123");
        tunnel.gives(new Message.Session(context));
        Keying technician = Keying.ticket(TicketKeyExchange.Side.GUEST, TicketSecret.of("000000"), context);
        for (Message.KeyExchange k : technician.start()) {
            tunnel.gives(k);
        }
        Message last;
        while ((last = tunnel.nextSent()) instanceof Message.KeyExchange k) {
            try {
                technician.received(k).forEach(tunnel::gives);
            } catch (KeyExchangeFailed expected) {
                // the technician's side fails too; the Host's goodbye is what this test checks
            }
        }
        assertEquals(new Message.Disconnect(DisconnectReason.KEY_EXCHANGE_FAILED, ""), last);
        tunnel.events.add(new GatewayTunnel.Closed(DisconnectReason.KEY_EXCHANGE_FAILED, ""));
        assertEquals(FailureText.of(DisconnectReason.KEY_EXCHANGE_FAILED, true), view.ended.poll(5, TimeUnit.SECONDS));
        assertEquals(0, screen.captures.get());
    }

    @Test
    void aTicketSessionAgreesKeysThenSaysHelloAndServesTheScreenSealed() throws Exception {
        // The configuration forbids CONTROL: it is not in force even though the technician asked and the end user allowed.
        start(config(HostConfig.Mode.TICKET, EnumSet.of(Permission.VIEW, Permission.CHAT)), new HelpRequestFlow.Ticket(TICKET));
        tunnel.nextSent();
        tunnel.gives(new Message.Status(Message.Status.State.WAITING, ""));
        tunnel.gives(new Message.ConfirmRequest("Bob", EnumSet.of(Permission.VIEW, Permission.CONTROL)));
        assertEquals(new Message.ConfirmAnswer(true), tunnel.nextSent());
        SessionContext context = SessionContext.ofTicket(41, "123");
        tunnel.gives(new Message.Session(context));
        Keying technician = agree(Keying.ticket(TicketKeyExchange.Side.GUEST, TICKET.secret(), context));
        assertEquals(0, screen.captures.get(), "nothing captured before a request");

        BlockingQueue<DesktopMessage> control = new LinkedBlockingQueue<>();
        BlockingQueue<int[]> drawn = new LinkedBlockingQueue<>();
        ScreenDecoder decoder = new ScreenDecoder(DesktopMessage.MAX_DESKTOP_PIXELS);
        guest = new DesktopSession(Message.Role.GUEST, technician.keys().forGuest(), new io.deskside.protocol.client.SealedStreams.Tunnel() {
            @Override
            public void send(Message m) {
                tunnel.gives(m); // what the technician's session sends reaches the Host through the gateway
            }

            @Override
            public long unsentBytes() {
                return 0;
            }

            @Override
            public void whenWritten(Runnable hook) {
            }
        }, Map.of(DesktopStream.CONTROL, control::add, DesktopStream.SCREEN, m -> {
            decoder.apply(m);
            if (m instanceof ScreenUpdate u && u.finalPart()) {
                drawn.add(decoder.framebuffer().clone());
            }
        }), e -> control.add(new DesktopMessage.ChatLine("failed: " + e)));
        guest.start();
        Thread relay = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Message m = tunnel.sent.poll(50, TimeUnit.MILLISECONDS);
                    if (m instanceof Message.Data d) {
                        guest.arrived(d);
                    } else if (m instanceof Message.Credit c) {
                        guest.credit(c);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        relay.start();
        try {
            assertEquals(new DesktopMessage.Hello("Deskside Host"), control.poll(5, TimeUnit.SECONDS));
            assertEquals(new PermissionsInForce(Set.of(Permission.VIEW)), control.poll(5, TimeUnit.SECONDS));
            assertTrue(guest.send(new UpdateRequest(1, 0, false, 1, 0, 0, 4, 2)));
            assertArrayEquals(screen.picture.pixels(), drawn.poll(5, TimeUnit.SECONDS));
            assertTrue(view.calls.contains("connected Bob"));
            assertEquals(Set.of(Permission.VIEW), view.inForce);
            tunnel.gives(new Message.Disconnect(DisconnectReason.GUEST_ENDED, ""));
            assertEquals(FailureText.of(DisconnectReason.GUEST_ENDED, true), view.ended.poll(5, TimeUnit.SECONDS));
        } finally {
            relay.interrupt();
            decoder.close();
        }
    }

    @Test
    void aServiceSessionWhoseCodesDifferStopsBeforeTheSession() throws Exception {
        view.codesMatch = false;
        start(config(HostConfig.Mode.FIXED, EnumSet.allOf(Permission.class)), new HelpRequestFlow.Service("Payroll"));
        assertEquals(new Message.HelpRequest(false, "Payroll", "ann@pc", "printer jams"), tunnel.nextSent());
        tunnel.gives(new Message.ConfirmRequest("Bob", EnumSet.of(Permission.VIEW)));
        tunnel.nextSent();
        SessionContext context = SessionContext.ofService(41, "payroll");
        tunnel.gives(new Message.Session(context));
        agree(Keying.serviceGuest(context));
        assertEquals(new Message.Disconnect(DisconnectReason.KEY_EXCHANGE_FAILED, "codes differ"), tunnel.nextSent());
        assertTrue(view.calls.contains("verify"));
        tunnel.events.add(new GatewayTunnel.Closed(DisconnectReason.KEY_EXCHANGE_FAILED, ""));
        assertEquals(FailureText.of(DisconnectReason.KEY_EXCHANGE_FAILED, false), view.ended.poll(5, TimeUnit.SECONDS));
        assertEquals(0, screen.captures.get());
        assertNull(tunnel.sent.poll(100, TimeUnit.MILLISECONDS), "no credit, no data: the session never started");
    }

    // ---- a proxy that wants a login

    private static final FailureText PROXY_AUTH = FailureText.of(OpenFailed.Why.PROXY_AUTH, "127.0.0.1");

    private static HostConfig throughProxy(String proxy) {
        return new HostConfig(URI.create("ws://127.0.0.1:8080/tunnel"), List.of(), "download-credential", List.of(GatewayTunnel.Mode.values()),
                proxy, HostConfig.Mode.TICKET, List.of(), true, true, EnumSet.allOf(Permission.class), Map.of(), "Deskside");
    }

    /** What the tunnel was opened with, the proxy password copied as it was when it opened. */
    private record Opened(GatewayTunnel.Options options, String password) {
    }

    /** Opens with each failure in turn, then the fake tunnel. */
    private BlockingQueue<Opened> startFailing(HostConfig config, OpenFailed... failures) {
        BlockingQueue<Opened> opens = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        new HelpRequestFlow(config, new HelpRequestFlow.Ticket(TICKET), "ann@pc", "printer jams", view,
                new LocalDesktop(screen, input, HostWindows.NONE), options -> {
                    PasswordAuthentication login = options.proxyLogin();
                    opens.add(new Opened(options, login == null ? null : new String(login.getPassword())));
                    int n = calls.getAndIncrement();
                    if (n < failures.length) {
                        throw failures[n];
                    }
                    return tunnel;
                }).start();
        return opens;
    }

    private static OpenFailed proxyWantsALogin() {
        return new OpenFailed(OpenFailed.Why.PROXY_AUTH, "407", null);
    }

    private static boolean cleared(PasswordAuthentication login) {
        for (char c : login.getPassword()) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aProxyThatWantsALoginAsksTheEndUserForOneAndTheRetryCarriesIt() throws Exception {
        PasswordAuthentication typed = new PasswordAuthentication("ann", "proxy pass 7".toCharArray());
        view.proxyLogin = typed;
        BlockingQueue<Opened> opens = startFailing(throughProxy("127.0.0.1:3128"), proxyWantsALogin());
        Opened first = opens.poll(5, TimeUnit.SECONDS);
        assertNotNull(first);
        assertNull(first.options().proxyLogin(), "no login until the proxy asks for one");
        assertEquals("proxy sign-in: " + PROXY_AUTH.title(), view.calls.poll(5, TimeUnit.SECONDS));
        Opened retry = opens.poll(5, TimeUnit.SECONDS);
        assertNotNull(retry, "the request tried again");
        assertEquals("ann", retry.options().proxyLogin().getUserName());
        assertEquals("proxy pass 7", retry.password());
        assertEquals(List.of(new java.net.Proxy(java.net.Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 3128))),
                retry.options().proxy().select(retry.options().endpoint()), "through the configured proxy");
        assertEquals(new Message.HelpRequest(true, "123", "ann@pc", "printer jams"), tunnel.nextSent(), "signed in, the request goes on");

        tunnel.events.add(new GatewayTunnel.Closed(DisconnectReason.LOST, ""));
        assertNotNull(view.ended.poll(5, TimeUnit.SECONDS));
        // The request's thread closes the tunnel just after it told the window.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(tunnel.closed && cleared(typed)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(tunnel.closed);
        assertTrue(cleared(typed), "the proxy password is wiped once its tunnel is over");
    }

    @Test
    void aLoginTheProxyRefusesTooEndsWithAskYourItDepartment() throws Exception {
        PasswordAuthentication typed = new PasswordAuthentication("ann", "typo".toCharArray());
        view.proxyLogin = typed;
        BlockingQueue<Opened> opens = startFailing(throughProxy("127.0.0.1:3128"), proxyWantsALogin(), proxyWantsALogin());
        assertEquals(FailureText.proxyLoginRefused(), view.ended.poll(5, TimeUnit.SECONDS));
        assertEquals(2, opens.size(), "asked once, tried once more, then told");
        assertEquals(1, view.calls.size(), "one sign-in");
        assertTrue(cleared(typed), "the refused password is wiped");
    }

    @Test
    void closingTheSignInEndsWithTheProxysReasonAndNoRetry() throws Exception {
        view.proxyLogin = null;
        BlockingQueue<Opened> opens = startFailing(throughProxy("127.0.0.1:3128"), proxyWantsALogin());
        assertEquals(PROXY_AUTH, view.ended.poll(5, TimeUnit.SECONDS));
        assertEquals(1, opens.size());
    }

    @Test
    void withoutAKnownProxyThereIsNobodyToSignInTo() throws Exception {
        BlockingQueue<Opened> opens = startFailing(throughProxy("direct"), proxyWantsALogin());
        assertEquals(FailureText.proxyUnknown(), view.ended.poll(5, TimeUnit.SECONDS));
        assertEquals(1, opens.size());
        assertTrue(view.calls.isEmpty(), "no sign-in asked: " + view.calls);
    }

    @Test
    void otherOpenFailuresAreToldAsTheyAreWithoutASignIn() throws Exception {
        startFailing(throughProxy("127.0.0.1:3128"), new OpenFailed(OpenFailed.Why.PROXY_REFUSED, "Tunnel failed, got: 403", null));
        FailureText told = view.ended.poll(5, TimeUnit.SECONDS);
        assertEquals(FailureText.of(OpenFailed.Why.PROXY_REFUSED, "127.0.0.1"), told);
        assertTrue(told.nextStep().contains("127.0.0.1"), told.nextStep());
        assertTrue(view.calls.isEmpty());
    }

    @Test
    void theSystemsProxyIsTheOneItNamesForTheHelpDesk() {
        java.net.ProxySelector before = java.net.ProxySelector.getDefault();
        try {
            java.net.ProxySelector.setDefault(java.net.ProxySelector.of(new InetSocketAddress("127.0.0.1", 8081)));
            GatewayTunnel.Options system = HelpRequestFlow.options(throughProxy("system"));
            assertEquals(new InetSocketAddress("127.0.0.1", 8081), HelpRequestFlow.proxyOf(system));
        } finally {
            java.net.ProxySelector.setDefault(before);
        }
        assertNull(HelpRequestFlow.proxyOf(HelpRequestFlow.options(throughProxy("direct"))));
    }
}
