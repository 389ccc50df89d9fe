package io.deskside.protocol.crypto;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.screen.Capture;
import io.deskside.protocol.desktop.screen.ScreenDecoder;
import io.deskside.protocol.desktop.screen.ScreenEncoder;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.TicketSecret;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every cryptographic path of a session once, in this process: a ticket key exchange
 * (J-PAKE) and a service key exchange (X25519) between a Host side and a Guest side, then a
 * sealed record each way through the frame codec, and a wrong ticket secret that must fail. A
 * Host can run it before it first connects; the build runs it against the Host's minimized jar,
 * so a class the shrinking dropped shows up there and not on an end user's desktop. It also sends
 * one small synthetic screen through the screen encoder, the desktop codec and the decoder.
 */
public final class SelfCheck {

    private SelfCheck() {
    }

    /** Throws {@link IllegalStateException} naming what does not work. */
    public static void run() {
        try {
            SessionContext context = SessionContext.ofTicket(1, "000");
            TicketSecret secret = TicketSecret.random();
            SessionKeys[] ticket = ticketExchange(secret, secret, context);
            roundTrip(ticket[0].forHost(), ticket[1].forGuest());

            SessionContext service = SessionContext.ofService(1, "self-check");
            ServiceKeyExchange.HostSide h = ServiceKeyExchange.host(service);
            ServiceKeyExchange.GuestSide g = ServiceKeyExchange.guest(service);
            byte[] g1 = g.answer(h.commitment());
            ServiceKeyExchange.Finished gs = g.finish(h.reveal(g1));
            SessionKeys hs = h.finish(gs.confirmation());
            if (!hs.verificationCode().equals(gs.keys().verificationCode())) {
                throw new IllegalStateException("the service key exchange gave the two sides different codes");
            }
            roundTrip(hs.forHost(), gs.keys().forGuest());

            TicketSecret wrong = TicketSecret.of(secret.reveal().equals("000000") ? "000001" : "000000");
            try {
                ticketExchange(secret, wrong, context);
                throw new IllegalStateException("a wrong ticket secret completed the key exchange");
            } catch (KeyExchangeFailed expected) {
                // as it must
            }
        } catch (KeyExchangeFailed | ProtocolException e) {
            throw new IllegalStateException("the session crypto does not work here: " + e.getMessage(), e);
        }
        screenRoundTrip();
    }

    /** A 128x64 capture with flat, few-colour and noisy tiles, encoded, carried as bytes, decoded and compared. */
    private static void screenRoundTrip() {
        int w = 128;
        int h = 64;
        int[] pixels = new int[w * h];
        int seed = 12_345;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // The left tile in two colours (a palette), the right one noise (zlib).
                seed = seed * 1_103_515_245 + 12_345;
                pixels[y * w + x] = 0xFF00_0000 | (x < 64 ? ((x ^ y) & 4) == 0 ? 0xFF_FFFF : 0x20_4060 : seed >>> 8);
            }
        }
        int[] changed = pixels.clone();
        Arrays.fill(changed, 0, 64, 0xFF80_8080);
        try (ScreenEncoder host = new ScreenEncoder(); ScreenDecoder guest = new ScreenDecoder(w * h)) {
            // A full update, then an incremental one (change and scroll detection).
            screenUpdate(host, guest, new DesktopMessage.UpdateRequest(1, 0, false, 1, 0, 0, w, h), new Capture(w, h, pixels));
            screenUpdate(host, guest, new DesktopMessage.UpdateRequest(2, 1, true, 1, 0, 0, w, h), new Capture(w, h, changed));
        } catch (DesktopProtocolException e) {
            throw new IllegalStateException("the screen codec does not work here: " + e.getMessage(), e);
        }
    }

    private static void screenUpdate(ScreenEncoder host, ScreenDecoder guest, DesktopMessage.UpdateRequest request, Capture capture)
            throws DesktopProtocolException {
        for (DesktopMessage m : host.answerOneMonitor(request, capture)) {
            guest.apply(DesktopMessage.decode(DesktopStream.SCREEN, Message.Role.HOST, m.encode()));
        }
        if (!Arrays.equals(capture.pixels(), guest.framebuffer())) {
            throw new IllegalStateException("a screen update did not draw what was captured");
        }
    }

    private static SessionKeys[] ticketExchange(TicketSecret hostSecret, TicketSecret guestSecret, SessionContext context)
            throws KeyExchangeFailed {
        TicketKeyExchange h = new TicketKeyExchange(TicketKeyExchange.Side.HOST, hostSecret, context);
        TicketKeyExchange g = new TicketKeyExchange(TicketKeyExchange.Side.GUEST, guestSecret, context);
        byte[] h1 = h.round1();
        byte[] g1 = g.round1();
        byte[] h2 = h.round2(g1);
        byte[] g2 = g.round2(h1);
        byte[] h3 = h.round3(g2);
        byte[] g3 = g.round3(h2);
        return new SessionKeys[] {h.finish(g3), g.finish(h3)};
    }

    private static void roundTrip(SealedChannel host, SealedChannel guest) throws ProtocolException {
        byte[] screen = new byte[20_000];
        Arrays.fill(screen, (byte) 7);
        byte[] wire = new Message.Data(1, host.seal(1, screen)).toFrame().encode().clone();
        List<Frame> frames = new FrameDecoder().feed(wire);
        Message.Data data = (Message.Data) Message.decode(frames.get(0));
        if (!Arrays.equals(screen, guest.open(1, data.sealed()))) {
            throw new IllegalStateException("a sealed record did not open to what was sealed");
        }
        byte[] chat = guest.seal(3, "hello".getBytes(StandardCharsets.UTF_8));
        if (!"hello".equals(new String(host.open(3, chat), StandardCharsets.UTF_8))) {
            throw new IllegalStateException("a sealed record did not open to what was sealed");
        }
    }

    /** {@code java -cp deskside-protocol-host.jar io.deskside.protocol.crypto.SelfCheck} */
    public static void main(String[] args) {
        long start = System.nanoTime();
        run();
        System.out.printf("Deskside protocol self-check passed in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
}
