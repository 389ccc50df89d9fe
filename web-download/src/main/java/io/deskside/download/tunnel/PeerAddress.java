package io.deskside.download.tunnel;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;

/**
 * Carries the Host's network address into its WebSocket session, which Jakarta WebSocket does
 * not expose: the filter notes it on the handshake's HTTP session, the configurator copies it
 * into the connection's own properties. The address is what ticket guessing is counted by.
 */
public final class PeerAddress {

    static final String KEY = "deskside.peer-address";

    private PeerAddress() {
    }

    @WebFilter(urlPatterns = HostTunnelEndpoint.PATH)
    public static class Filter extends HttpFilter {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            request.getSession(true).setAttribute(KEY, request.getRemoteAddr());
            chain.doFilter(request, response);
        }
    }

    public static class Configurator extends ServerEndpointConfig.Configurator {

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            Object session = request.getHttpSession();
            if (session instanceof HttpSession http) {
                Object address = http.getAttribute(KEY);
                if (address != null) {
                    config.getUserProperties().put(KEY, address);
                }
                // The container still holds the session for the upgrade, so it is not
                // invalidated here; it carries nothing once the address is copied.
                http.removeAttribute(KEY);
            }
        }
    }
}
