package io.deskside.host;

import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.crypto.TicketKeyExchange;
import io.deskside.protocol.session.Keying;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.TicketSecret;
import io.deskside.protocol.wire.Message;
import java.util.ArrayDeque;
import java.util.Deque;

/** Keys for the Host's session tests: a ticket key exchange run between a Host and a Guest side in memory. */
public final class TestKeys {

    private TestKeys() {
    }

    /** {@code [host's keys, guest's keys]} of one honest exchange. */
    public static SessionKeys[] agreed() throws Exception {
        TicketSecret secret = TicketSecret.of("123456");
        SessionContext context = SessionContext.ofTicket(7, "123");
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
}
