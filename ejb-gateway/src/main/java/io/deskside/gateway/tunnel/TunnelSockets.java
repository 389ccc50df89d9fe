package io.deskside.gateway.tunnel;

import io.deskside.protocol.wire.Frame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket plumbing the Host's and the Guest's endpoints share: a session carries its
 * {@link TunnelDoor}, binary messages go to it, text is refused, a close tells it the transport
 * is gone. The endpoints keep only what differs: who may open, and for which session.
 */
public final class TunnelSockets {

    /** A whole frame of the largest size, in one message. */
    public static final int MAX_MESSAGE_BYTES = Frame.MAX_PAYLOAD_BYTES + Frame.HEADER_BYTES;
    private static final String DOOR = TunnelDoor.class.getName();
    private static final Logger LOG = Logger.getLogger(TunnelSockets.class.getName());

    private TunnelSockets() {
    }

    /** Bounds what the peer may send in one message, before anything else happens. */
    public static void limit(Session session) {
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxTextMessageBufferSize(256);
    }

    public static void attach(Session session, TunnelDoor door) {
        session.getUserProperties().put(DOOR, door);
    }

    /**
     * A binary message, whole (the container buffers it up to {@link #MAX_MESSAGE_BYTES}). Taken
     * as the container's buffer, read once into the frames: asking for a {@code byte[]} would
     * make the container copy it first.
     */
    public static void binary(Session session, ByteBuffer bytes) {
        TunnelDoor door = door(session);
        if (door != null) {
            door.receive(bytes);
        }
    }

    public static void text(Session session) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "frames are binary"));
    }

    public static void closed(Session session) {
        TunnelDoor door = door(session);
        if (door != null) {
            door.dropped();
        }
    }

    /** A broken connection is routine; anything else is a defect worth a warning. */
    public static void failed(String side, Throwable error) {
        if (error instanceof IOException) {
            LOG.fine(() -> side + " tunnel connection failed: " + error);
        } else {
            LOG.log(Level.WARNING, side + " tunnel failed", error);
        }
    }

    private static TunnelDoor door(Session session) {
        return (TunnelDoor) session.getUserProperties().get(DOOR);
    }
}
