package io.deskside.gateway.relay;

import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.queue.HelpQueue;
import io.deskside.gateway.queue.QueueEntry;
import io.deskside.persistence.queue.EndReason;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.RoutingId;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.util.EnumSet;
import java.util.logging.Logger;

/**
 * The gateway's side of one Host's tunnel, whatever carries it. It speaks the opening of a help
 * session (the tunnel has taken the Host's hello): the Host asks for help with a ticket's routing group or a
 * service, waits, is asked to confirm access when a technician claims the request, and ends.
 * Anything out of order, malformed or unexpected is a protocol error that closes this one
 * connection. Help-queue calls happen once per step, never per frame.
 */
public final class HostConnection implements PeerEndpoint {

    enum State {
        GREETED, WAITING, CONFIRMING, CONNECTED, CLOSED
    }

    /** What a session may do until help services configure it: everything but recording. */
    static final EnumSet<Message.Permission> DEFAULT_PERMISSIONS = EnumSet.of(Message.Permission.VIEW,
            Message.Permission.CONTROL, Message.Permission.ANNOTATE, Message.Permission.CHAT,
            Message.Permission.FILES, Message.Permission.CLIPBOARD);
    private static final Logger LOG = Logger.getLogger(HostConnection.class.getName());

    private final ConnectionSink sink;
    private final String source;
    private final HelpQueue queue;
    private final SessionDirectory directory;
    /** Volatile: the other side's thread may close this one, without taking its lock. */
    private volatile State state = State.GREETED;
    private long requestId;
    private RelaySession session;

    HostConnection(ConnectionSink sink, String source, HelpQueue queue, SessionDirectory directory) {
        this.sink = sink;
        this.source = source;
        this.queue = queue;
        this.directory = directory;
    }

    @Override
    public synchronized void broke(ProtocolException e) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.warning(() -> "Closed a Host connection from " + source + ": " + e.getMessage());
        fail(DisconnectReason.PROTOCOL_ERROR, e.getMessage());
    }

    /**
     * Closes a Host that said hello but has not asked for help: a tunnel costs the node memory
     * and a place among the Hosts it takes, and a Host asks right after its hello.
     */
    public synchronized void expireIfIdle() {
        if (state == State.GREETED) {
            LOG.info(() -> "Closed a Host connection from " + source + " that did not ask for help");
            fail(DisconnectReason.IDLE, "no help request came: connect again when you are ready to ask");
        }
    }

    /** The tunnel stayed away past the grace period, or stopped reading. */
    @Override
    public synchronized void lost() {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        if (session != null) {
            directory.hostEnded(session, this, was == State.CONNECTED ? EndReason.LOST : EndReason.ABANDONED, DisconnectReason.LOST);
        }
    }

    /** A technician claimed this Host's request: ask the end user to confirm access. */
    synchronized void claimed(QueueEntry entry) {
        if (state != State.WAITING) {
            return;
        }
        try {
            queue.confirming(requestId);
        } catch (GatewayException e) {
            return;
        }
        String technician = entry.claimedByName() != null ? entry.claimedByName() : entry.claimedBy();
        send(new Message.Status(Message.Status.State.CLAIMED, technician + " is taking your request"));
        send(new Message.ConfirmRequest(technician, DEFAULT_PERMISSIONS));
        state = State.CONFIRMING;
    }

    /** Relayed session data once connected: it never waits on the database. */
    @Override
    public boolean inline(Message m) {
        return state == State.CONNECTED && RelaySession.relayed(m);
    }

    @Override
    public synchronized boolean relay(Frame data) throws ProtocolException {
        if (state != State.CONNECTED) {
            return false;
        }
        if (!session.dataFromHost(data)) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER,
                    "DATA on stream " + data.stream() + " beyond the credit the Guest granted");
        }
        return true;
    }

    @Override
    public synchronized void handle(Message m) throws ProtocolException {
        switch (state) {
            case GREETED -> {
                if (!(m instanceof Message.HelpRequest help)) {
                    throw outOfOrder("a help request comes after the hello", m);
                }
                ask(help);
            }
            case WAITING, CONFIRMING, CONNECTED -> {
                if (m instanceof Message.Disconnect bye) {
                    State was = state;
                    state = State.CLOSED;
                    directory.hostEnded(session, this, was == State.CONNECTED ? endReason(bye.reason()) : EndReason.ABANDONED,
                            bye.reason());
                    sink.close("the Host ended");
                } else if (state == State.CONFIRMING && m instanceof Message.ConfirmAnswer answer) {
                    answer(answer.allowed());
                } else if (state == State.CONNECTED && session.fromHost(m)) {
                    return;
                } else {
                    throw outOfOrder("not now, or beyond the credit the Guest granted", m);
                }
            }
            default -> throw outOfOrder("the connection is closed", m);
        }
    }

    private void ask(Message.HelpRequest help) {
        try {
            QueueEntry entry = help.byTicket()
                    ? queue.askWithTicket(routing(help.target()), help.customerName(), help.text(), source)
                    : queue.askForService(help.target(), help.customerName(), help.text(), source);
            requestId = entry.id();
            state = State.WAITING;
            SessionContext context = help.byTicket() ? SessionContext.ofTicket(requestId, entry.ticketRouting())
                    : SessionContext.ofService(requestId, entry.serviceName());
            session = directory.waiting(context, this, sink);
            send(new Message.Status(Message.Status.State.WAITING, "Deskside – Waiting…"));
            // A claim may have come between the request's commit and this registration.
            QueueEntry now = queue.entry(requestId);
            if (now.state() == io.deskside.persistence.queue.RequestState.CLAIMED) {
                claimed(now);
            }
        } catch (GatewayException e) {
            DisconnectReason reason = switch (e.status()) {
                case 404 -> DisconnectReason.UNKNOWN_TICKET;
                case 429 -> DisconnectReason.TOO_MANY_ATTEMPTS;
                case 400 -> DisconnectReason.BAD_REQUEST;
                default -> DisconnectReason.UNAVAILABLE;
            };
            send(new Message.Disconnect(reason, e.getMessage()));
            sink.close(reason.code());
            state = State.CLOSED;
        }
    }

    private void answer(boolean allowed) {
        if (allowed) {
            queue.confirmed(requestId);
            send(new Message.Session(session.context()));
            send(new Message.Status(Message.Status.State.CONNECTED, "Deskside – Connected"));
            state = State.CONNECTED;
            sink.connected();
            directory.hostConfirmed(session);
        } else {
            queue.denied(requestId);
            directory.hostDenied(session);
            send(new Message.Disconnect(DisconnectReason.DENIED, "You declined access."));
            sink.close("denied");
            state = State.CLOSED;
        }
    }

    private static RoutingId routing(String digits) {
        try {
            return new RoutingId(digits);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("a ticket's routing group is 3 to 6 digits");
        }
    }

    /** How the call record names the end of a session the end user's side ended. */
    private static EndReason endReason(DisconnectReason reason) {
        return switch (reason) {
            case HOTKEY -> EndReason.HOTKEY;
            case KEY_EXCHANGE_FAILED -> EndReason.KEY_EXCHANGE_FAILED;
            default -> EndReason.HOST_ENDED;
        };
    }

    private void fail(DisconnectReason wireReason, String detail) {
        State was = state;
        state = State.CLOSED;
        if (session != null) {
            directory.hostEnded(session, this, was == State.CONNECTED ? EndReason.LOST : EndReason.ABANDONED, wireReason);
        }
        send(new Message.Disconnect(wireReason, detail));
        sink.close(wireReason.code());
    }

    /**
     * Called from the other side's thread when it ended the session. Takes no lock: two sides
     * ending at once must not wait on each other. CLOSED is final, so the plain write is safe.
     */
    void closeAfter(Message.Disconnect goodbye) {
        state = State.CLOSED;
        send(goodbye);
        sink.close(goodbye.reason().code());
    }

    /** Whether the end user has confirmed, so a Guest that joins late can be told. */
    boolean connected() {
        return state == State.CONNECTED;
    }

    private void send(Message m) {
        sink.send(m.toFrame().encode());
    }

    private static ProtocolException outOfOrder(String rule, Message m) {
        return new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER,
                m.getClass().getSimpleName() + " out of order: " + rule);
    }
}
