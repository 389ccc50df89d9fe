package io.deskside.protocol.session;

import io.deskside.protocol.crypto.KeyExchangeFailed;
import io.deskside.protocol.crypto.ServiceKeyExchange;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.crypto.TicketKeyExchange;
import io.deskside.protocol.ticket.TicketSecret;
import io.deskside.protocol.wire.Message.KeyExchange;
import java.util.List;
import java.util.Objects;

/**
 * One side's end-to-end key exchange, driven by the {@code KEY_EXCHANGE} messages the gateway
 * relays: {@link #start} says what to send first, {@link #received} what to send in answer to
 * each of the peer's rounds, and once {@link #done} the {@link #keys} are there. A round out of
 * turn, or one the exchange refuses, is a {@link KeyExchangeFailed}: the side sends
 * {@code DISCONNECT(key_exchange_failed)} and the session ends. The side's other messages
 * (status, credit) keep flowing meanwhile: this holds no thread. Not thread-safe: the side's
 * tunnel thread drives it.
 *
 * <p>Ticket sessions: J-PAKE, three rounds, both sides at once (round n answers the peer's
 * round n-1). Help-service sessions: commit-then-reveal, four messages in turn (Host 1, Guest 2,
 * Host 3, Guest 4). See docs/PROTOCOL.md.
 */
public abstract sealed class Keying {

    private SessionKeys keys;
    private int expected;

    Keying(int firstExpected) {
        this.expected = firstExpected;
    }

    /** A side of a ticket session: the ticket's secret digits as the password. */
    public static Keying ticket(TicketKeyExchange.Side side, TicketSecret secret, SessionContext context) {
        return new Ticket(new TicketKeyExchange(side, secret, context));
    }

    public static Keying serviceHost(SessionContext context) {
        return new ServiceHost(ServiceKeyExchange.host(context));
    }

    public static Keying serviceGuest(SessionContext context) {
        return new ServiceGuest(ServiceKeyExchange.guest(context));
    }

    /** What this side sends first (nothing, for a help service's Guest: it answers). */
    public abstract List<KeyExchange> start();

    /** The peer's next round: what to send in answer (perhaps nothing, when this side is done). */
    public final List<KeyExchange> received(KeyExchange m) throws KeyExchangeFailed {
        Objects.requireNonNull(m, "m");
        if (keys != null) {
            throw new KeyExchangeFailed("a key exchange message after the exchange was done");
        }
        if (m.round() != expected) {
            throw new KeyExchangeFailed("round " + m.round() + " of the key exchange where round " + expected + " was due");
        }
        expected += step();
        return answer(m.round(), m.body());
    }

    public final boolean done() {
        return keys != null;
    }

    /** The session's keys once {@link #done}; the channel is taken from them once. */
    public final SessionKeys keys() {
        if (keys == null) {
            throw new IllegalStateException("the key exchange is not done");
        }
        return keys;
    }

    abstract int step();

    abstract List<KeyExchange> answer(int round, byte[] body) throws KeyExchangeFailed;

    final List<KeyExchange> finished(SessionKeys k, List<KeyExchange> last) {
        keys = k;
        return last;
    }

    private static final class Ticket extends Keying {
        private final TicketKeyExchange exchange;

        Ticket(TicketKeyExchange exchange) {
            super(1);
            this.exchange = exchange;
        }

        @Override
        public List<KeyExchange> start() {
            return List.of(new KeyExchange(1, exchange.round1()));
        }

        @Override
        int step() {
            return 1;
        }

        @Override
        List<KeyExchange> answer(int round, byte[] body) throws KeyExchangeFailed {
            return switch (round) {
                case 1 -> List.of(new KeyExchange(2, exchange.round2(body)));
                case 2 -> List.of(new KeyExchange(3, exchange.round3(body)));
                default -> finished(exchange.finish(body), List.of());
            };
        }
    }

    private static final class ServiceHost extends Keying {
        private final ServiceKeyExchange.HostSide exchange;

        ServiceHost(ServiceKeyExchange.HostSide exchange) {
            super(2);
            this.exchange = exchange;
        }

        @Override
        public List<KeyExchange> start() {
            return List.of(new KeyExchange(1, exchange.commitment()));
        }

        @Override
        int step() {
            return 2;
        }

        @Override
        List<KeyExchange> answer(int round, byte[] body) throws KeyExchangeFailed {
            if (round == 2) {
                return List.of(new KeyExchange(3, exchange.reveal(body)));
            }
            return finished(exchange.finish(body), List.of());
        }
    }

    private static final class ServiceGuest extends Keying {
        private final ServiceKeyExchange.GuestSide exchange;

        ServiceGuest(ServiceKeyExchange.GuestSide exchange) {
            super(1);
            this.exchange = exchange;
        }

        @Override
        public List<KeyExchange> start() {
            return List.of();
        }

        @Override
        int step() {
            return 2;
        }

        @Override
        List<KeyExchange> answer(int round, byte[] body) throws KeyExchangeFailed {
            if (round == 1) {
                return List.of(new KeyExchange(2, exchange.answer(body)));
            }
            ServiceKeyExchange.Finished f = exchange.finish(body);
            return finished(f.keys(), List.of(new KeyExchange(4, f.confirmation())));
        }
    }
}
