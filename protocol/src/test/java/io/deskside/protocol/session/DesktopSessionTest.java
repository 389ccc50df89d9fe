package io.deskside.protocol.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.client.SealedStreams;
import io.deskside.protocol.crypto.KeyExchangeFailed;
import io.deskside.protocol.crypto.SealedChannel;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.crypto.TicketKeyExchange;
import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.ChatLine;
import io.deskside.protocol.desktop.DesktopMessage.Hello;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.screen.Capture;
import io.deskside.protocol.desktop.screen.ScreenDecoder;
import io.deskside.protocol.desktop.screen.ScreenEncoder;
import io.deskside.protocol.ticket.TicketSecret;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Host's and a Guest's desktop sessions joined by an in-memory relay that delivers in order, as the gateway does. */
class DesktopSessionTest {

    /** One direction of the relay: what one side sends, the other side's session gets, in order. */
    private static final class Relay implements SealedStreams.Tunnel {
        DesktopSession to;
        final Deque<Message> before = new ArrayDeque<>();

        @Override
        public synchronized void send(Message m) {
            if (to == null) {
                before.add(m);
                return;
            }
            deliver(m);
        }

        synchronized void connect(DesktopSession session) {
            to = session;
            while (!before.isEmpty()) {
                deliver(before.poll());
            }
        }

        private void deliver(Message m) {
            if (m instanceof Message.Data d) {
                to.arrived(d);
            } else if (m instanceof Message.Credit c) {
                to.credit(c);
            }
        }

        @Override
        public long unsentBytes() {
            return 0;
        }

        @Override
        public void whenWritten(Runnable hook) {
        }
    }

    private final Relay toGuest = new Relay();
    private final Relay toHost = new Relay();
    private final BlockingQueue<Exception> failures = new LinkedBlockingQueue<>();
    private DesktopSession host;
    private DesktopSession guest;

    private static SessionKeys[] keys() throws KeyExchangeFailed {
        TicketSecret secret = TicketSecret.of("123456");
        SessionContext context = SessionContext.ofTicket(7, "42");
        Keying h = Keying.ticket(TicketKeyExchange.Side.HOST, secret, context);
        Keying g = Keying.ticket(TicketKeyExchange.Side.GUEST, secret, context);
        Deque<Message.KeyExchange> hg = new ArrayDeque<>(h.start());
        Deque<Message.KeyExchange> gh = new ArrayDeque<>(g.start());
        while (!hg.isEmpty() || !gh.isEmpty()) {
            if (!hg.isEmpty()) {
                gh.addAll(g.received(hg.poll()));
            }
            if (!gh.isEmpty()) {
                hg.addAll(h.received(gh.poll()));
            }
        }
        return new SessionKeys[] {h.keys(), g.keys()};
    }

    private void open(Map<DesktopStream, DesktopSession.Handler> hostHandlers, Map<DesktopStream, DesktopSession.Handler> guestHandlers)
            throws KeyExchangeFailed {
        SessionKeys[] k = keys();
        host = new DesktopSession(Message.Role.HOST, k[0].forHost(), toGuest, hostHandlers, failures::add);
        guest = new DesktopSession(Message.Role.GUEST, k[1].forGuest(), toHost, guestHandlers, failures::add);
        toGuest.connect(guest);
        toHost.connect(host);
        host.start();
        guest.start();
    }

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
            guest.close();
        }
    }

    @Test
    void messagesArriveAtTheirStreamsHandlerInOrder() throws Exception {
        BlockingQueue<DesktopMessage> atGuest = new LinkedBlockingQueue<>();
        open(Map.of(), Map.of(DesktopStream.CONTROL, atGuest::add));
        assertTrue(host.send(new Hello(Hello.VERSION, 0, "Deskside Host")));
        for (int i = 0; i < 100; i++) {
            assertTrue(host.send(new ChatLine("line " + i)));
        }
        assertInstanceOf(Hello.class, atGuest.poll(5, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            assertEquals(new ChatLine("line " + i), atGuest.poll(5, TimeUnit.SECONDS));
        }
        assertEquals(null, failures.poll());
    }

    @Test
    void aScreenPulledByTheGuestArrivesExactlyThroughCreditAndReGrants() throws Exception {
        // 1080p of noise: several MiB of parts, more than the Guest's 2 MiB window, so the
        // Host waits for re-grants the Guest sends as it draws.
        Random random = new Random(5);
        int[] px = new int[1920 * 1080];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF00_0000 | random.nextInt(0x100_0000);
        }
        Capture capture = new Capture(1920, 1080, px);
        ScreenEncoder encoder = new ScreenEncoder();
        ScreenDecoder decoder = new ScreenDecoder(DesktopMessage.MAX_DESKTOP_PIXELS);
        CompletableFuture<int[]> drawn = new CompletableFuture<>();
        open(Map.of(DesktopStream.SCREEN, m -> {
            for (DesktopMessage part : encoder.answerOneMonitor((UpdateRequest) m, capture)) {
                try {
                    assertTrue(host.send(part, java.time.Duration.ofSeconds(10)), "the Guest's credit came back");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }), Map.of(DesktopStream.SCREEN, m -> {
            decoder.apply(m);
            if (m instanceof DesktopMessage.ScreenUpdate u && u.finalPart()) {
                drawn.complete(decoder.framebuffer().clone());
            }
        }));
        assertTrue(guest.send(new UpdateRequest(1, 0, false, 1, 0, 0, 1920, 1080)));
        assertArrayEquals(px, drawn.get(30, TimeUnit.SECONDS));
        assertEquals(null, failures.poll());
        encoder.close();
        decoder.close();
    }

    @Test
    void aRecordBeyondTheGrantedCreditEndsTheSession() throws Exception {
        open(Map.of(), Map.of());
        // The Host grants 64 KiB on its input stream; a Guest that sends more broke the protocol.
        byte[] tooMuch = new byte[70 * 1024];
        host.arrived(new Message.Data(DesktopStream.INPUT.code(), tooMuch));
        Exception e = failures.poll(5, TimeUnit.SECONDS);
        assertInstanceOf(ProtocolException.class, e);
        assertTrue(host.isOver());
        assertEquals(false, host.send(new ChatLine("after the end")));
    }

    @Test
    void aRecordThatDoesNotOpenEndsTheSessionAndNothingAfterItIsDelivered() throws Exception {
        BlockingQueue<DesktopMessage> atHost = new LinkedBlockingQueue<>();
        open(Map.of(DesktopStream.CONTROL, atHost::add), Map.of());
        SealedChannel forger = keys()[1].forGuest(); // keys of another session
        host.arrived(new Message.Data(DesktopStream.CONTROL.code(), forger.seal(1, new ChatLine("hi").encode())));
        assertInstanceOf(ProtocolException.class, failures.poll(5, TimeUnit.SECONDS));
        assertTrue(guest.send(new ChatLine("too late")));
        assertEquals(null, atHost.poll(300, TimeUnit.MILLISECONDS));
    }
}
