package io.deskside.gateway.relay;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.logging.Logger;

/**
 * A {@link ConnectionSink} over a Jakarta WebSocket session, shared by the Host's and the
 * Guest's tunnel endpoints: asynchronous sends, one at a time and in order, so no thread waits
 * on a slow peer; a close waits for what was queued before it. What may be queued is bounded
 * by the relay's credits, not here.
 */
public final class WebSocketSink implements ConnectionSink {

    private static final Logger LOG = Logger.getLogger(WebSocketSink.class.getName());

    /** Beyond the relay's credits (4 MiB a stream): control messages and pongs, never unbounded. */
    static final long MAX_QUEUED_BYTES = 16L << 20;

    private final Session session;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;
    private String closing;

    public WebSocketSink(Session session) {
        this.session = session;
    }

    @Override
    public void send(byte[] frames) {
        synchronized (this) {
            if (closing != null) {
                return;
            }
            if (queuedBytes + frames.length > MAX_QUEUED_BYTES) {
                // A peer that does not read its messages is cut off, not buffered without end.
                queued.clear();
                queuedBytes = 0;
                closing = "too far behind";
                LOG.warning("Closed a tunnel whose peer stopped reading");
                if (!sending) {
                    closeNow(closing);
                }
                return;
            }
            queued.add(frames);
            queuedBytes += frames.length;
            if (sending) {
                return;
            }
            sending = true;
        }
        next();
    }

    @Override
    public void close(String reason) {
        synchronized (this) {
            if (closing != null) {
                return;
            }
            closing = reason;
            if (sending) {
                return;
            }
        }
        closeNow(reason);
    }

    private void next() {
        byte[] frames;
        String close;
        synchronized (this) {
            frames = queued.poll();
            close = closing;
            if (frames == null) {
                sending = false;
            } else {
                queuedBytes -= frames.length;
            }
        }
        if (frames == null) {
            if (close != null) {
                closeNow(close);
            }
            return;
        }
        if (!session.isOpen()) {
            synchronized (this) {
                queued.clear();
                sending = false;
            }
            return;
        }
        session.getAsyncRemote().sendBinary(ByteBuffer.wrap(frames), result -> next());
    }

    private void closeNow(String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, reason));
            }
        } catch (IOException e) {
            LOG.fine(() -> "Closing a tunnel failed: " + e);
        }
    }
}
