package io.deskside.gateway.relay;

import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.Message;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pairing of one Host and one Guest for a connected help session. It relays the key
 * exchange and the sealed session data between them without reading either (it holds no key),
 * enforces flow control with {@link Credits}, and counts the bytes for the call record. No lock
 * is taken per frame: each side's frames are handled on that side's thread and handed to the
 * other side's asynchronous sink.
 */
final class RelaySession {

    private final SessionContext context;
    private volatile ConnectionSink host;
    private volatile ConnectionSink guest;
    /** What the Guest allowed the Host to send it, and the other way round. */
    private final Credits toGuest = new Credits();
    private final Credits toHost = new Credits();
    private final AtomicLong bytesToGuest = new AtomicLong();
    private final AtomicLong bytesToHost = new AtomicLong();
    /** Key-exchange messages that came before the other side was there: at most a few. */
    private final java.util.List<byte[]> earlyForGuest = new java.util.ArrayList<>();
    static final int MAX_EARLY = 4;
    private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

    /** Whether a message is one the relay passes between the sides (and nothing else). */
    static boolean relayed(Message m) {
        return m instanceof Message.Data || m instanceof Message.Credit || m instanceof Message.KeyExchange;
    }

    RelaySession(SessionContext context) {
        this.context = context;
    }

    long requestId() {
        return context.requestId();
    }

    /** The session as both sides are told it, to bind their key exchange to. */
    SessionContext context() {
        return context;
    }

    void host(ConnectionSink sink) {
        this.host = sink;
    }

    /** The Guest's tunnel joins; what the Host said early is handed over now. */
    synchronized void guest(ConnectionSink sink) {
        this.guest = sink;
        earlyForGuest.forEach(sink::send);
        earlyForGuest.clear();
    }

    /** True for the one caller that gets to end the session. */
    boolean endOnce() {
        return ended.compareAndSet(false, true);
    }

    /** A session message from the Host; false if it broke flow control or the Guest is not there. */
    boolean fromHost(Message m) {
        synchronized (this) {
            if (guest == null) {
                return early(m, earlyForGuest);
            }
        }
        return relay(m, guest, toGuest, toHost, bytesToGuest);
    }

    private static boolean early(Message m, java.util.List<byte[]> pending) {
        if (!(m instanceof Message.KeyExchange) || pending.size() >= MAX_EARLY) {
            return false;
        }
        pending.add(m.toFrame().encode());
        return true;
    }

    boolean fromGuest(Message m) {
        return relay(m, host, toHost, toGuest, bytesToHost);
    }

    /** Session data from the Host, passed on as it came; false if beyond credit or the Guest is not there. */
    boolean dataFromHost(Frame data) {
        return data(data, guest, toGuest, bytesToGuest);
    }

    boolean dataFromGuest(Frame data) {
        return data(data, host, toHost, bytesToHost);
    }

    private static boolean data(Frame data, ConnectionSink to, Credits allowedToSend, AtomicLong counter) {
        int length = data.payloadLength();
        if (to == null || !allowedToSend.spend(data.stream(), length)) {
            return false;
        }
        counter.addAndGet(length);
        to.send(data.encode());
        return true;
    }

    private static boolean relay(Message m, ConnectionSink to, Credits allowedToSend, Credits grantsFromSender,
            AtomicLong counter) {
        if (to == null) {
            return false;
        }
        if (m instanceof Message.Data) {
            return data(m.toFrame(), to, allowedToSend, counter);
        }
        if (m instanceof Message.Credit credit) {
            if (!grantsFromSender.grant(credit.stream(), credit.bytes())) {
                return false;
            }
        } else if (!(m instanceof Message.KeyExchange)) {
            return false;
        }
        to.send(m.toFrame().encode());
        return true;
    }

    long bytesToGuest() {
        return bytesToGuest.get();
    }

    long bytesToHost() {
        return bytesToHost.get();
    }
}
