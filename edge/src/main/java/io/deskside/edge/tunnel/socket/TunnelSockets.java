package io.deskside.edge.tunnel.socket;

import io.deskside.edge.port.FrameInlet;

import io.deskside.protocol.wire.Frame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket plumbing the Host's and the Guest's endpoints share: a session carries its
 * {@link FrameInlet}, binary messages go to it, text is refused, a close tells it the transport
 * is gone. The endpoints keep only what differs: who may open, and for which session.
 */
public final class TunnelSockets {

    /** A whole frame of the largest size, in one message. */
    public static final int MAX_MESSAGE_BYTES = Frame.MAX_PAYLOAD_BYTES + Frame.HEADER_BYTES;
    private static final String DOOR = FrameInlet.class.getName();
    private static final Logger LOG = Logger.getLogger(TunnelSockets.class.getName());

    private TunnelSockets() {
    }

    /** Bounds what the peer may send in one message, before anything else happens. */
    public static void limit(Session session) {
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxTextMessageBufferSize(256);
    }

    public static void attach(Session session, FrameInlet door) {
        session.getUserProperties().put(DOOR, door);
    }

    /**
     * A binary message, whole (the container buffers it up to {@link #MAX_MESSAGE_BYTES}). Taken
     * as the container's buffer, read once into the frames: asking for a {@code byte[]} would
     * make the container copy it first.
     */
    public static void binary(Session session, ByteBuffer bytes) {
        FrameInlet door = door(session);
        if (door != null) {
            door.receive(bytes);
        }
    }

    public static void text(Session session) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "frames are binary"));
    }

    public static void closed(Session session) {
        FrameInlet door = door(session);
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

    private static FrameInlet door(Session session) {
        return (FrameInlet) session.getUserProperties().get(DOOR);
    }

    /** Closes a handshake the endpoint refused (wrong role, not the claimer), saying why in the close reason. */
    public static void refuse(Session session, String side, String why) throws IOException {
        LOG.warning(() -> "Refused a " + side + " tunnel: " + why);
        session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, clip(why)));
    }

    /** A WebSocket close reason is at most 123 bytes of UTF-8. */
    static String clip(String why) {
        byte[] utf8 = why.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= 123) {
            return why;
        }
        int end = Math.min(why.length(), 120);
        while (end > 0 && why.substring(0, end).getBytes(StandardCharsets.UTF_8).length > 120) {
            end--;
        }
        return why.substring(0, end) + "…";
    }
}
