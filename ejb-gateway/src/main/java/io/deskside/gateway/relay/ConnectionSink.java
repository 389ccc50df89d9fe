package io.deskside.gateway.relay;

/**
 * Where a connection's outgoing bytes go: a thin adapter over one transport (a WebSocket, an
 * HTTP stream, a long poll). Implementations write asynchronously and never block the caller.
 */
public interface ConnectionSink {

    /** Sends whole encoded frames, in order. */
    void send(byte[] frames);

    /** The session is connected: the peer may now send full-size frames. */
    default void connected() {
    }

    /** Closes the transport after what was sent; {@code reason} is for the log and the peer. */
    void close(String reason);
}
