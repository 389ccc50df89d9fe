package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.link.Link;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;

/**
 * What waits to go up, for whichever transport carries the tunnel: the transport's own frames
 * (pings, pongs, acknowledgements), sent once by the transport that takes them, and the counted
 * frames, which the {@link Link} keeps until the gateway acknowledges them, so that the next
 * transport can send them again. Thread-safe.
 */
final class Outbox {

    /** Counted frames taken at once by one transport write (one HTTP request): about this many bytes. */
    static final int MAX_WRITE_BYTES = 1 << 20;

    private final Link link;
    private final ArrayDeque<byte[]> controls = new ArrayDeque<>();

    Outbox(Link link) {
        this.link = link;
    }

    /** Queues a message; false, queueing nothing, when the gateway has stopped acknowledging. */
    boolean add(Message m) {
        Frame f = m.toFrame();
        byte[] frame = f.encode();
        if (Link.sequenced(f.type())) {
            return link.keep(frame);
        }
        addControl(frame);
        return true;
    }

    /** Queues one of the transport's own messages (a ping, a pong). */
    void control(Message m) {
        addControl(m.toFrame().encode());
    }

    private void addControl(byte[] frame) {
        synchronized (controls) {
            controls.add(frame);
        }
    }

    /** Whether frames arrived since the last acknowledgement. */
    boolean ackPending() {
        return link.ackPending();
    }

    /**
     * Acknowledges what arrived. In transaction mode every request says it in its
     * {@link HttpTunnelContract#RECEIVED} header, and the poll that follows each answer carries it, so no
     * frame (and no request of its own) is spent on it.
     */
    void acknowledge(Mode mode) {
        long count = link.acknowledge();
        if (mode != Mode.TRANSACTION) {
            control(new Message.Ack(count));
        }
    }

    /** What waits to go up: the transport's own frames, then counted ones from {@code from} on. */
    CarrierOwner.Pending pending(long from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        synchronized (controls) {
            byte[] c;
            while ((c = controls.poll()) != null) {
                out.writeBytes(c);
            }
        }
        long count = 0;
        try {
            for (byte[] f : link.from(from, MAX_WRITE_BYTES)) {
                out.writeBytes(f);
                count++;
            }
        } catch (ProtocolException e) {
            // The gateway acknowledged past this transport's position: nothing of it is needed.
        }
        return new CarrierOwner.Pending(out.toByteArray(), count);
    }
}
