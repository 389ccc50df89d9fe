package io.deskside.rest.queue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * The messages waiting for one WebSocket client, sent one at a time with asynchronous writes,
 * so no thread ever waits on a slow client. Bounded: a client that falls this far behind is
 * disconnected (it can reconnect and get a fresh snapshot) rather than grow the server's memory.
 */
final class Outbox {

    static final int MAX_QUEUED = 1000;
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    private final Session session;
    private final Deque<String> queued = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;
    /** Holds everything back until the first message (the snapshot) is in place. */
    private boolean paused = true;

    Outbox(Session session) {
        this.session = session;
    }

    void send(String message) {
        enqueue(message, false);
    }

    /** Puts a message ahead of everything queued: the snapshot a new client must see first. */
    void sendFirst(String message) {
        enqueue(message, true);
    }

    private void enqueue(String message, boolean first) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queued.size() >= MAX_QUEUED) {
                closed = true;
                queued.clear();
            } else {
                if (first) {
                    queued.addFirst(message);
                } else {
                    queued.addLast(message);
                }
                if (sending || paused) {
                    return;
                }
                sending = true;
            }
        }
        if (closed) {
            closeTooSlow();
            return;
        }
        next();
    }

    /** Starts sending what is queued. */
    void resume() {
        synchronized (this) {
            paused = false;
            if (sending || closed || queued.isEmpty()) {
                return;
            }
            sending = true;
        }
        next();
    }

    private void next() {
        String message;
        synchronized (this) {
            message = queued.pollFirst();
            if (message == null || closed) {
                sending = false;
                return;
            }
        }
        session.getAsyncRemote().sendText(message, result -> {
            if (!result.isOK()) {
                synchronized (this) {
                    closed = true;
                    queued.clear();
                    sending = false;
                }
                return;
            }
            next();
        });
    }

    private void closeTooSlow() {
        LOG.warning("Disconnected a queue client that fell " + MAX_QUEUED + " messages behind");
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too far behind; reconnect"));
        } catch (IOException e) {
            LOG.fine(() -> "Closing a slow queue client failed: " + e);
        }
    }
}
