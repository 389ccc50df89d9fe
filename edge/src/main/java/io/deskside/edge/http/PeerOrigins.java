package io.deskside.edge.http;

import io.deskside.edge.config.EdgeSettings;
import io.deskside.edge.port.PeerOrigin;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;

/**
 * Where an HTTP request came from, and how: the client's address (taken from the one forwarding
 * header of a trusted proxy, else the connection's), whether a proxy on the client's side
 * carried it, and whether the client reached us over TLS. See {@link PeerOrigin}.
 */
public final class PeerOrigins {

    private PeerOrigins() {
    }

    public static PeerOrigin of(HttpServletRequest request) {
        EdgeSettings s = EdgeSettings.current();
        return PeerOrigin.of(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")),
                Collections.list(request.getHeaders("Forwarded")), request.getHeader("Via") != null,
                s.trustedProxies(), s.forwardedHeader());
    }

    /** Whether the client reached us over TLS: this connection, or a trusted balancer that terminated it. */
    public static boolean secure(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        EdgeSettings s = EdgeSettings.current();
        if (!s.trustedProxies().contains(request.getRemoteAddr())) {
            return false;
        }
        return PeerOrigin.forwardedTls(s.forwardedHeader(), Collections.list(request.getHeaders("X-Forwarded-Proto")),
                Collections.list(request.getHeaders("Forwarded")));
    }
}
