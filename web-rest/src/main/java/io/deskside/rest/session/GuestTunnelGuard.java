package io.deskside.rest.session;

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

/** Notes the Guest's address for its WebSocket, or refuses a handshake through a proxy ({@link PeerAddress}). */
@WebFilter(urlPatterns = "/sessions/*", asyncSupported = true)
public class GuestTunnelGuard extends HttpFilter {

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
