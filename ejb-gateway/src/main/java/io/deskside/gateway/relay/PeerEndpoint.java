package io.deskside.gateway.relay;

import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;

/**
 * What a peer's tunnel carries messages to: the gateway's side of a Host or a Guest. It sees
 * each sequenced message once and in order, whichever transports carried it. With
 * {@link ConnectionSink}, the way back, it is all the relay knows of tunnels.
 */
public interface PeerEndpoint {

    /** The tunnel's first transport is attached and welcomed: the endpoint may speak. */
    default void opened() {
    }

    /**
     * Whether {@code m} may be handled on the transport's own thread: true only for what never
     * waits (relaying session data); everything else is handed to a worker, in order.
     */
    default boolean inline(Message m) {
        return false;
    }

    /**
     * Relays a DATA frame by its header, on the transport's thread, without decoding it; false
     * when the endpoint is not relaying now (the frame is then handed over as a message). A
     * {@link ProtocolException} ends the tunnel.
     */
    default boolean relay(Frame data) throws ProtocolException {
        return false;
    }

    /** The next message from the peer. A {@link ProtocolException} ends the tunnel. */
    void handle(Message m) throws ProtocolException;

    /** The peer broke the protocol: say why and end. */
    void broke(ProtocolException e);

    /** The peer was gone longer than the grace period, or stopped reading: the session is lost. */
    void lost();
}
