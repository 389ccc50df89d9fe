package io.deskside.edge.tunnel.socket;

import io.deskside.edge.http.PeerOrigins;
import io.deskside.edge.http.ProblemWriter;
import io.deskside.edge.port.PeerOrigin;
import io.deskside.edge.port.TunnelRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;

/**
 * Carries a peer's network address into its WebSocket session, which Jakarta WebSocket does not
 * expose: a filter on the tunnel's address calls {@link #note} for the handshake, which keeps the
 * address on the handshake's HTTP session, and the endpoint's {@link Configurator} copies it into
 * the connection's own properties. The address is what ticket guessing and Host admission are
 * counted by. A handshake that came through an HTTP proxy is refused (the client then falls back
 * to HTTP transaction mode), unless the gateway takes any transport through proxies. Used for the
 * Host's and the Guest's tunnel alike.
 */
public final class PeerAddress {

    static final String KEY = "deskside.peer-address";
    static final String PROXIED = "deskside.peer-proxied";

    private PeerAddress() {
    }

    /**
     * Notes a WebSocket handshake's origin for its endpoint; false when it was refused (the
     * answer written): a handshake through a proxy where only transaction mode is allowed there.
     */
    public static boolean note(HttpServletRequest request, HttpServletResponse response, TunnelRegistry tunnels) throws IOException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            return true;
        }
        PeerOrigin peer = PeerOrigins.of(request);
        if (peer.proxied() && tunnels.transactionOnlyWhenProxied()) {
            ProblemWriter.write(response, 403, "this request came through an HTTP proxy: use transaction mode", null);
            return false;
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(KEY, peer.address());
        session.setAttribute(PROXIED, peer.proxied());
        return true;
    }

    /** The peer's address, as noted for this WebSocket ({@code unknown} if it was not). */
    public static String address(Session session) {
        Object address = session.getUserProperties().get(KEY);
        return address == null ? "unknown" : address.toString();
    }

    /** Whether an HTTP proxy carried this WebSocket's handshake. */
    public static boolean proxied(Session session) {
        return Boolean.TRUE.equals(session.getUserProperties().get(PROXIED));
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
