package io.deskside.edge.tunnel.socket;

import io.deskside.edge.port.TunnelRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * In front of a tunnel's address: notes the peer's address for its WebSocket, or refuses a
 * handshake through a proxy ({@link PeerAddress}). Each WAR maps a one-line subclass on its
 * tunnel's path (filters in an EAR library are not scanned) and hands it the gateway's tunnels.
 */
public abstract class TunnelGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The gateway's live tunnels, as the WAR has them. */
    protected abstract TunnelRegistry tunnels();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (PeerAddress.note(request, response, tunnels())) {
            chain.doFilter(request, response);
        }
    }
}
