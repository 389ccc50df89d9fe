package io.deskside.gateway.relay;

import io.deskside.gateway.security.Actor;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.util.logging.Logger;

/**
 * The gateway's side of a technician's Guest tunnel for one claimed help request. The Guest
 * says hello, learns whether the end user has confirmed yet, and then exchanges keys and
 * sealed session data with the Host through the {@link RelaySession}, within the credits the
 * Host grants. It ends the session with a goodbye; a drop ends it as lost.
 */
public final class GuestConnection {

    enum State {
        NEW, ATTACHED, CLOSED
    }

    private static final Logger LOG = Logger.getLogger(GuestConnection.class.getName());

    private final ConnectionSink sink;
    private final Actor actor;
    private final RelaySession session;
    private final SessionDirectory directory;
    private final FrameDecoder decoder = new FrameDecoder();
    /** Volatile: the other side's thread may close this one, without taking its lock. */
    private volatile State state = State.NEW;

    GuestConnection(ConnectionSink sink, Actor actor, RelaySession session, SessionDirectory directory) {
        this.sink = sink;
        this.actor = actor;
        this.session = session;
        this.directory = directory;
    }

    public synchronized void receive(byte[] bytes) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            for (Frame frame : decoder.feed(bytes)) {
                handle(Message.decode(frame));
                if (state == State.CLOSED) {
                    return;
                }
            }
        } catch (ProtocolException e) {
            LOG.warning(() -> "Closed the Guest tunnel of " + actor.login() + ": " + e.getMessage());
            sink.send(new Message.Disconnect("protocol_error", e.getMessage()).toFrame().encode());
            sink.close("protocol_error");
            state = State.CLOSED;
            directory.guestLost(session, this);
        }
    }

    public synchronized void dropped() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            directory.guestLost(session, this);
        }
    }

    /** The other side ended the session, or the end user confirmed: tell the Guest. */
    void tell(Message m) {
        sink.send(m.toFrame().encode());
    }

    /**
     * Called from the other side's thread when it ended the session. Takes no lock: two sides
     * ending at once must not wait on each other. CLOSED is final, so the plain write is safe.
     */
    void closeAfter(Message goodbye) {
        state = State.CLOSED;
        sink.send(goodbye.toFrame().encode());
        sink.close("ended");
    }

    ConnectionSink sink() {
        return sink;
    }

    private void handle(Message m) throws ProtocolException {
        if (m instanceof Message.Ping ping) {
            tell(new Message.Pong(ping.nonce()));
            return;
        }
        if (state == State.NEW) {
            if (!(m instanceof Message.Hello hello) || hello.role() != Message.Role.GUEST) {
                throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER, "a Guest tunnel opens with a Guest hello");
            }
            tell(new Message.Welcome("", HostConnection.HEARTBEAT_SECONDS));
            state = State.ATTACHED;
            directory.guestJoined(session, this);
            return;
        }
        if (m instanceof Message.Disconnect bye) {
            state = State.CLOSED;
            directory.guestEnded(session, this, bye.reason());
            sink.close("the Guest ended");
            return;
        }
        if (!session.fromGuest(m)) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER,
                    m.getClass().getSimpleName() + " not allowed now, or beyond the credit the Host granted");
        }
    }
}
