package io.deskside.edge.port;

/**
 * One way of carrying a {@link CarriedTunnel}'s frames to the peer: a WebSocket, an HTTP stream, or
 * HTTP transactions. A transport pulls the tunnel's sequenced frames from its own position on,
 * so a new transport starts exactly where the peer's count says. Implementations never block
 * the caller: they write asynchronously.
 */
public interface Transport {

    /** Called once, before anything else: frames from number {@code cursor} on are the peer's to get. */
    void start(CarriedTunnel tunnel, long cursor);

    /** One of the transport's own frames (welcome, pong, acknowledgement), ahead of what waits. */
    void control(byte[] frame);

    /** Sequenced frames are waiting in the tunnel. */
    void wake();

    /** Ends the transport after what it was writing; {@code reason} is for the log and the peer. */
    void close(String reason);

    /**
     * Whether every answer of this transport says how many frames the gateway has received (HTTP
     * transactions: {@code Deskside-Received}), so an {@code ACK} frame would only cost a write.
     */
    default boolean countsInEveryAnswer() {
        return false;
    }

    /** Whether the request that opened this transport came through an HTTP proxy. */
    default boolean proxied() {
        return false;
    }

    /**
     * Whether a transport that hears nothing for a while is dead: true for the ones that stay
     * open (WebSocket, a stream); false for transaction mode, whose long poll is its own heartbeat.
     */
    default boolean detectsSilence() {
        return true;
    }
}
