package io.deskside.download.tunnel;

import io.deskside.edge.http.PeerOrigins;
import io.deskside.gateway.host.HostCredentials;
import io.deskside.gateway.relay.SessionDirectory;
import io.deskside.edge.tunnel.http.HttpTunnels;
import io.deskside.gateway.tunnel.TunnelDoor;
import io.deskside.gateway.tunnel.Tunnels;
import io.deskside.protocol.wire.Message;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The Host's tunnel over plain HTTP, at the WebSocket endpoint's address: streaming mode (a
 * long GET down, POSTs up) and transaction mode (POSTs both ways, long-polled), for networks
 * and proxies that do not pass WebSockets. The rules are {@link HttpTunnels}'.
 */
@WebServlet(urlPatterns = HostTunnelEndpoint.PATH, asyncSupported = true)
public class HostTunnelServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient SessionDirectory directory;

    @EJB
    transient Tunnels tunnels;

    @EJB
    transient HostCredentials credentials;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String source = PeerOrigins.of(request).address();
        new HttpTunnels(tunnels).post(request, response, Message.Role.HOST, null,
                TunnelDoor.opening(tunnels, Message.Role.HOST, null, new HostOpener(directory, credentials, source)));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        new HttpTunnels(tunnels).get(request, response, Message.Role.HOST, null);
    }
}
