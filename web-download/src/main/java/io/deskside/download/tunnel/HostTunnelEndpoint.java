package io.deskside.download.tunnel;

import io.deskside.gateway.relay.HostConnection;
import io.deskside.gateway.relay.SessionDirectory;
import io.deskside.gateway.tunnel.TunnelDoor;
import io.deskside.gateway.tunnel.Tunnels;
import io.deskside.gateway.tunnel.WebSocketTransport;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.Message;
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
 * adapter: the tunnel (hello, resume, counting) lives in {@link TunnelDoor}, the help session in
 * {@link HostConnection}; sends are asynchronous, in order. The same address answers HTTP
 * streaming and transaction mode ({@link HostTunnelServlet}).
 */
@ServerEndpoint(value = HostTunnelEndpoint.PATH, configurator = PeerAddress.Configurator.class)
public class HostTunnelEndpoint {

    public static final String PATH = "/tunnel";
    static final int MAX_MESSAGE_BYTES = Frame.MAX_PAYLOAD_BYTES + Frame.HEADER_BYTES;
    private static final Logger LOG = Logger.getLogger(HostTunnelEndpoint.class.getName());
    private static final String DOOR = TunnelDoor.class.getName();

    @EJB
    SessionDirectory directory;

    @EJB
    Tunnels tunnels;

    @OnOpen
    public void open(Session session) {
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxTextMessageBufferSize(256);
        Object address = session.getUserProperties().get(PeerAddress.KEY);
        String source = address == null ? "unknown" : address.toString();
        boolean proxied = Boolean.TRUE.equals(session.getUserProperties().get(PeerAddress.PROXIED));
        WebSocketTransport transport = new WebSocketTransport(session, proxied);
        session.getUserProperties().put(DOOR, new TunnelDoor(tunnels, transport, Message.Role.HOST, null,
                tunnel -> directory.openHost(tunnel, source)));
    }

    @OnMessage
    public void binary(Session session, ByteBuffer bytes) {
        door(session).receive(bytes);
    }

    @OnMessage
    public void text(Session session, String text) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "frames are binary"));
    }

    @OnClose
    public void close(Session session) {
        TunnelDoor door = door(session);
        if (door != null) {
            door.dropped();
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        if (error instanceof IOException) {
            LOG.fine(() -> "Host tunnel connection failed: " + error);
        } else {
            LOG.log(java.util.logging.Level.WARNING, "Host tunnel failed", error);
        }
    }

    private static TunnelDoor door(Session session) {
        return (TunnelDoor) session.getUserProperties().get(DOOR);
    }
}
