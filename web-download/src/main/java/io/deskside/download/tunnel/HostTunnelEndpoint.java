package io.deskside.download.tunnel;

import io.deskside.protocol.client.HttpTunnelContract;
import io.deskside.gateway.host.HostCredentials;
import io.deskside.gateway.relay.HostConnection;
import io.deskside.gateway.relay.SessionDirectory;
import io.deskside.gateway.tunnel.TunnelDoor;
import io.deskside.edge.tunnel.socket.PeerAddress;
import io.deskside.edge.tunnel.socket.TunnelSockets;
import io.deskside.gateway.tunnel.Tunnels;
import io.deskside.edge.tunnel.socket.WebSocketTransport;
import io.deskside.protocol.wire.Message;
import jakarta.ejb.EJB;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The Host's WebSocket tunnel at {@code /tunnel}: binary messages carry frames both ways. A thin
 * adapter: the tunnel (hello, resume, counting) lives in {@link TunnelDoor}, the help session in
 * {@link HostConnection}; sends are asynchronous, in order. The same address answers HTTP
 * streaming and transaction mode ({@link HostTunnelServlet}).
 */
@ServerEndpoint(value = HostTunnelEndpoint.PATH, configurator = PeerAddress.Configurator.class)
public class HostTunnelEndpoint {

    public static final String PATH = HttpTunnelContract.HOST_PATH;

    @EJB
    SessionDirectory directory;

    @EJB
    Tunnels tunnels;

    @EJB
    HostCredentials credentials;

    @OnOpen
    public void open(Session session) {
        TunnelSockets.limit(session);
        String source = PeerAddress.address(session);
        boolean proxied = PeerAddress.proxied(session);
        TunnelSockets.attach(session, new TunnelDoor(tunnels, new WebSocketTransport(session, proxied), Message.Role.HOST, null,
                new HostOpener(directory, credentials, source)));
    }

    @OnMessage
    public void binary(Session session, ByteBuffer bytes) {
        TunnelSockets.binary(session, bytes);
    }

    @OnMessage
    public void text(Session session, String text) throws IOException {
        TunnelSockets.text(session);
    }

    @OnClose
    public void close(Session session) {
        TunnelSockets.closed(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        TunnelSockets.failed("Host", error);
    }
}
