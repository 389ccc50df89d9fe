package io.deskside.download.tunnel;

import io.deskside.edge.tunnel.socket.PeerAddress;
import io.deskside.gateway.tunnel.Tunnels;
import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Notes the Host's address for its WebSocket, or refuses a handshake through a proxy ({@link PeerAddress}). */
@WebFilter(urlPatterns = HostTunnelEndpoint.PATH, asyncSupported = true)
public class HostTunnelGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Tunnels tunnels;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (PeerAddress.note(request, response, tunnels)) {
            chain.doFilter(request, response);
        }
    }
}
