package io.deskside.gateway.tunnel;

import io.deskside.edge.port.FrameInlet;
import io.deskside.edge.port.Transport;
import io.deskside.edge.port.TunnelOpening;
import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.relay.PeerEndpoint;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Logger;

/**
 * Where a transport's bytes come in. The first frame must be a hello of the expected role: a
 * new tunnel is opened for it, or the tunnel its resume token names is carried on over this
 * transport. Everything after goes to that tunnel. Each transport has its own decoder, so a
 * frame cut off by a dropped connection never corrupts the next transport.
 */
public final class TunnelDoor implements FrameInlet {

    /** Makes the endpoint for a new tunnel, or refuses with a {@link GatewayException}. */
    @FunctionalInterface
    public interface Opener {
        PeerEndpoint open(Tunnel tunnel);

        /**
         * Why a peer saying this hello may not open a tunnel (a Host without a valid gateway
         * credential), or null to let it in. Called before anything is made for the peer, on the
         * transport's thread: it must not wait on anything.
         */
        default Refusal refusal(Message.Hello hello) {
            return null;
        }

        /** The address a new Host tunnel counts against (see {@link Tunnels#admitHost}). */
        default String source() {
            return null;
        }
    }

    /** A new tunnel refused: the DISCONNECT reason and the words for the peer's user. */
    public record Refusal(DisconnectReason reason, String detail) {
    }

    private static final Logger LOG = Logger.getLogger(TunnelDoor.class.getName());
    /** What a peer may send before the session is connected: requests and key exchange, no screens. */
    public static final int OPENING_FRAME_LIMIT = 8 * 1024;

    private final Tunnels tunnels;
    private final Transport transport;
    private final Message.Role role;
    private final String owner;
    private final Opener opener;
    private final FrameDecoder decoder = new FrameDecoder();
    private Tunnel tunnel;
    private boolean closed;

    public TunnelDoor(Tunnels tunnels, Transport transport, Message.Role role, String owner, Opener opener) {
        this.tunnels = tunnels;
        this.transport = transport;
        this.role = role;
        this.owner = owner;
        this.opener = opener;
    }

    /**
     * Bytes that arrived, read into the frames before this returns: the buffer stays the
     * container's (it may be one of its pooled buffers).
     */
    @Override
    public synchronized void receive(ByteBuffer bytes) {
        if (closed) {
            return;
        }
        try {
            List<Frame> frames = decoder.feed(bytes);
            if (frames.isEmpty()) {
                return;
            }
            if (tunnel == null) {
                if (frames.get(0).encodedLength() > OPENING_FRAME_LIMIT) {
                    throw new ProtocolException(ProtocolException.Reason.TOO_LARGE, "a hello is small");
                }
                hello(Message.decode(frames.get(0)));
                if (tunnel == null) {
                    return;
                }
                frames = frames.subList(1, frames.size());
            }
            tunnel.arrived(frames, transport);
        } catch (ProtocolException e) {
            if (tunnel != null) {
                tunnel.broke(e);
            } else {
                LOG.warning(() -> "Refused a " + role + " transport: " + e.getMessage());
                refuse(DisconnectReason.PROTOCOL_ERROR, e.getMessage());
            }
        }
    }

    /** The transport ended: its tunnel waits for the peer to come back. */
    @Override
    public synchronized void dropped() {
        closed = true;
        if (tunnel != null) {
            tunnel.detach(transport);
        }
    }

    private void hello(Message m) throws ProtocolException {
        if (!(m instanceof Message.Hello hello) || hello.role() != role) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER,
                    "a " + role.name().toLowerCase(java.util.Locale.ROOT) + " tunnel opens with a " + role + " hello");
        }
        boolean transactionOnly = transport.proxied() && tunnels.transactionOnlyWhenProxied();
        tunnel = open(tunnels, transport, role, owner, opener, hello, transactionOnly);
        if (tunnel == null) {
            closed = true;
        }
    }

    /** How the edge's HTTP transports open tunnels for this role and owner, through this opener. */
    public static TunnelOpening opening(Tunnels tunnels, Message.Role role, String owner, Opener opener) {
        return (transport, hello, transactionOnly) -> open(tunnels, transport, role, owner, opener, hello, transactionOnly);
    }

    /**
     * Opens or resumes the tunnel a hello asks for on {@code transport}; null, with the transport
     * told why and closed, when it cannot be.
     */
    static Tunnel open(Tunnels tunnels, Transport transport, Message.Role role, String owner, Opener opener,
            Message.Hello hello, boolean transactionOnly) throws ProtocolException {
        if (!hello.resume().isEmpty()) {
            Tunnel t = tunnels.find(hello.resume(), role, owner);
            if (t == null) {
                say(transport, DisconnectReason.UNKNOWN_TUNNEL, "that session has ended, or was never yours");
                return null;
            }
            t.attach(transport, hello.received(), true, tunnels.heartbeatSeconds(), transactionOnly);
            return t;
        }
        if (hello.received() != 0) {
            throw new ProtocolException(ProtocolException.Reason.MALFORMED, "a new tunnel has received nothing yet");
        }
        Refusal refusal = opener.refusal(hello);
        if (refusal != null) {
            LOG.info(() -> "Refused a new " + role + " tunnel: " + refusal.detail());
            say(transport, refusal.reason(), refusal.detail());
            return null;
        }
        Tunnel t;
        if (role == Message.Role.HOST) {
            Tunnels.Admission admission = tunnels.admitHost(opener.source(), OPENING_FRAME_LIMIT);
            if (admission.tunnel() == null) {
                LOG.info(() -> "Refused a new HOST tunnel: " + admission.refusal());
                say(transport, DisconnectReason.BUSY, admission.refusal());
                return null;
            }
            t = admission.tunnel();
        } else {
            t = tunnels.create(role, owner, OPENING_FRAME_LIMIT);
        }
        PeerEndpoint endpoint;
        try {
            endpoint = opener.open(t);
        } catch (GatewayException e) {
            tunnels.forget(t);
            say(transport, DisconnectReason.REFUSED, e.getMessage());
            return null;
        }
        t.endpoint(endpoint);
        t.attach(transport, 0, true, tunnels.heartbeatSeconds(), transactionOnly);
        endpoint.opened();
        return t;
    }

    private void refuse(DisconnectReason reason, String detail) {
        closed = true;
        say(transport, reason, detail);
    }

    private static void say(Transport transport, DisconnectReason reason, String detail) {
        transport.start(null, 0);
        transport.control(new Message.Disconnect(reason, detail).toFrame().encode());
        transport.close(reason.code());
    }
}
