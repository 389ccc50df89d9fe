package io.deskside.edge.tunnel.socket;

import io.deskside.edge.port.Transport;
import io.deskside.edge.tunnel.PushTransport;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.logging.Logger;

/** A tunnel's transport over a Jakarta WebSocket session: binary messages, sent asynchronously. */
public final class WebSocketTransport extends PushTransport {

    private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());

    private final Session session;
    private final boolean proxied;

    public WebSocketTransport(Session session, boolean proxied) {
        this.session = session;
        this.proxied = proxied;
    }

    @Override
    public boolean proxied() {
        return proxied;
    }

    @Override
    protected void write(byte[] bytes, Consumer<Boolean> written) {
        if (!session.isOpen()) {
            written.accept(false);
            return;
        }
        try {
            session.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes), result -> written.accept(result.isOK()));
        } catch (RuntimeException e) {
            written.accept(false);
        }
    }

    @Override
    protected void end(String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, TunnelSockets.clip(reason)));
            }
        } catch (IOException e) {
            LOG.fine(() -> "Closing a tunnel's WebSocket failed: " + e);
        }
    }
}
