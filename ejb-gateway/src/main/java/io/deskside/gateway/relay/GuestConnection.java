package io.deskside.gateway.relay;

import io.deskside.gateway.security.Actor;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.util.logging.Logger;

/**
 * The gateway's side of a technician's Guest tunnel for one claimed help request. Once the
 * tunnel has taken the Guest's hello, the Guest learns whether the end user has confirmed yet, and then exchanges keys and
 * sealed session data with the Host through the {@link RelaySession}, within the credits the
 * Host grants. It ends the session with a goodbye; a drop ends it as lost.
 */
public final class GuestConnection implements PeerEndpoint {

    enum State {
        NEW, ATTACHED, CLOSED
    }

    private static final Logger LOG = Logger.getLogger(GuestConnection.class.getName());

    private final ConnectionSink sink;
    private final Actor actor;
    private final RelaySession session;
    private final SessionDirectory directory;
    /** Volatile: the other side's thread may close this one, without taking its lock. */
    private volatile State state = State.NEW;

    GuestConnection(ConnectionSink sink, Actor actor, RelaySession session, SessionDirectory directory) {
        this.sink = sink;
        this.actor = actor;
        this.session = session;
        this.directory = directory;
    }

    /** The Guest's tunnel is open: join the session. */
    @Override
    public synchronized void opened() {
        if (state != State.NEW) {
            return;
        }
        state = State.ATTACHED;
        directory.guestJoined(session, this);
    }

    @Override
    public synchronized void broke(ProtocolException e) {
        if (state != State.CLOSED) {
            LOG.warning(() -> "Closed the Guest tunnel of " + actor.login() + ": " + e.getMessage());
            sink.send(new Message.Disconnect(DisconnectReason.PROTOCOL_ERROR, e.getMessage()).toFrame().encode());
            sink.close(DisconnectReason.PROTOCOL_ERROR.code());
            state = State.CLOSED;
            directory.guestLost(session, this);
        }
    }

    @Override
    public synchronized void lost() {
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
    void closeAfter(Message.Disconnect goodbye) {
        state = State.CLOSED;
        sink.send(goodbye.toFrame().encode());
        sink.close(goodbye.reason().code());
    }

    ConnectionSink sink() {
        return sink;
    }

    Actor actor() {
        return actor;
    }

    @Override
    public boolean inline(Message m) {
        return state == State.ATTACHED && RelaySession.relayed(m);
    }

    @Override
    public synchronized boolean relay(Frame data) throws ProtocolException {
        if (state != State.ATTACHED) {
            return false;
        }
        if (!session.dataFromGuest(data)) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER,
                    "DATA on stream " + data.stream() + " beyond the credit the Host granted");
        }
        return true;
    }

    @Override
    public synchronized void handle(Message m) throws ProtocolException {
        if (state != State.ATTACHED) {
            return;
        }
        if (m instanceof Message.Disconnect bye) {
            state = State.CLOSED;
            directory.guestEnded(session, this, bye.reason());
            sink.close("the Guest ended");
            return;
        }
        if (m instanceof Message.KeyConfirmed) {
            directory.keyConfirmed(session, this);
            return;
        }
        if (!session.fromGuest(m)) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER,
                    m.getClass().getSimpleName() + " not allowed now, or beyond the credit the Host granted");
        }
    }
}
