package io.deskside.edge.port;

import java.nio.ByteBuffer;

/** Where a WebSocket's binary messages go, in order: the gateway's door to a tunnel. */
public interface FrameInlet {

    /** Bytes that arrived, in any pieces. */
    void receive(ByteBuffer bytes);

    /** The WebSocket closed or failed. */
    void dropped();
}
