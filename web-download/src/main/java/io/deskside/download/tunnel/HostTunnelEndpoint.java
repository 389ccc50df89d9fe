package io.deskside.download.tunnel;

import io.deskside.gateway.relay.HostConnection;
import io.deskside.gateway.relay.SessionDirectory;
import io.deskside.gateway.relay.WebSocketSink;
import jakarta.ejb.EJB;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Logger;

/**
 * The Host's WebSocket tunnel at {@code /tunnel}: binary messages carry frames both ways. A thin
 * adapter: the protocol lives in {@link HostConnection}; sends are asynchronous, one at a time,
 * in order.
 */
@ServerEndpoint(value = HostTunnelEndpoint.PATH, configurator = PeerAddress.Configurator.class)
public class HostTunnelEndpoint {

    public static final String PATH = "/tunnel";
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(HostTunnelEndpoint.class.getName());
    private static final String CONNECTION = HostConnection.class.getName();

    @EJB
    SessionDirectory directory;

    @OnOpen
    public void open(Session session) {
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxTextMessageBufferSize(256);
        Object address = session.getUserProperties().get(PeerAddress.KEY);
        String source = address == null ? "unknown" : address.toString();
        session.getUserProperties().put(CONNECTION, directory.openHost(new WebSocketSink(session), source));
    }

    @OnMessage
    public void binary(Session session, ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        connection(session).receive(copy);
    }

    @OnMessage
    public void text(Session session, String text) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "frames are binary"));
    }

    @OnClose
    public void close(Session session) {
        HostConnection c = connection(session);
        if (c != null) {
            c.dropped();
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.fine(() -> "Host tunnel error: " + error);
    }

    private static HostConnection connection(Session session) {
        return (HostConnection) session.getUserProperties().get(CONNECTION);
    }
}
