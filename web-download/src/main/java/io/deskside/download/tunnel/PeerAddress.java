package io.deskside.download.tunnel;

import io.deskside.edge.http.PeerOrigins;
import io.deskside.edge.config.EdgeSettings;
import io.deskside.edge.http.ProblemWriter;
import io.deskside.gateway.tunnel.Tunnels;
import jakarta.ejb.EJB;
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
 * into the connection's own properties. The address is what ticket guessing is counted by. A
 * handshake that came through an HTTP proxy is refused (the Host then falls back to HTTP
 * transaction mode), unless the gateway is configured to take any transport through proxies.
 * Any request to the tunnel from a web page of another site (an {@code Origin} not in
 * {@code deskside.allowed-origins}) is refused, WebSocket or HTTP.
 */
public final class PeerAddress {

    static final String KEY = "deskside.peer-address";
    static final String PROXIED = "deskside.peer-proxied";

    private PeerAddress() {
    }

    @WebFilter(urlPatterns = HostTunnelEndpoint.PATH, asyncSupported = true)
    public static class Filter extends HttpFilter {

        private static final long serialVersionUID = 1L;

        @EJB
        transient Tunnels tunnels;

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String origin = request.getHeader("Origin");
            if (origin != null && !origin.isEmpty() && !EdgeSettings.current().allowedOrigins().contains(origin.toLowerCase(java.util.Locale.ROOT))) {
                // The Host is not a browser and sends no Origin; a web page of another site does.
                ProblemWriter.write(response, 403, "web pages of other sites may not open a Host tunnel", null);
                return;
            }
            if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                io.deskside.edge.port.PeerOrigin peer = PeerOrigins.of(request);
                boolean proxied = peer.proxied();
                if (proxied && tunnels.transactionOnlyWhenProxied()) {
                    ProblemWriter.write(response, 403, "this request came through an HTTP proxy: use transaction mode", null);
                    return;
                }
                HttpSession session = request.getSession(true);
                session.setAttribute(KEY, peer.address());
                session.setAttribute(PROXIED, proxied);
            }
            chain.doFilter(request, response);
        }
    }

    public static class Configurator extends ServerEndpointConfig.Configurator {

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            Object session = request.getHttpSession();
            if (session instanceof HttpSession http) {
                for (String key : new String[] {KEY, PROXIED}) {
                    Object value = http.getAttribute(key);
                    if (value != null) {
                        config.getUserProperties().put(key, value);
                    }
                    // The container still holds the session for the upgrade, so it is not
                    // invalidated here; it carries nothing once the values are copied.
                    http.removeAttribute(key);
                }
            }
        }
    }
}
