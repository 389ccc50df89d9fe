package io.deskside.edge.port;

import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.util.List;

/**
 * A peer's tunnel as the edge's transports see it: it outlives them, keeps what it sent until the
 * peer acknowledges it, and takes the frames that arrive. The gateway's tunnel implements it.
 */
public interface CarriedTunnel {

    Message.Role role();

    /** Sequenced frames sent so far, and received so far. */
    long sent();

    long received();

    /** Whether the tunnel has ended (its last words may still be waiting). */
    boolean ended();

    /** The first frame number at or after {@code cursor} that is still kept. */
    long firstFrom(long cursor);

    /** Kept frames from {@code cursor} on, at most about {@code maxBytes}. */
    List<byte[]> framesFrom(long cursor, long maxBytes) throws ProtocolException;

    /**
     * A transport takes the tunnel over: the peer had received {@code peerReceived} frames;
     * {@code welcome} answers its hello with a WELCOME.
     */
    void attach(Transport t, long peerReceived, boolean welcome, int heartbeatSeconds, boolean transactionOnly)
            throws ProtocolException;

    /** The transport that carries the tunnel now, or null. */
    Transport transport();

    /** This transport no longer carries the tunnel (it may come back over another). */
    void detach(Transport t);

    /** The peer has received this many frames. */
    void acknowledged(long count) throws ProtocolException;

    /** Frames that arrived numbered from {@code first}; false when an earlier one is missing. */
    boolean arrivedFrom(long first, List<Frame> frames) throws ProtocolException;

    /** The peer broke the protocol: the tunnel ends. */
    void broke(ProtocolException e);
}
