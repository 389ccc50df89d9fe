package io.deskside.rest.session;

import io.deskside.edge.port.TunnelRegistry;
import io.deskside.edge.tunnel.socket.TunnelGuard;
import io.deskside.gateway.tunnel.Tunnels;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebFilter;

/** The edge's {@link TunnelGuard} on the Guest's tunnel. */
@WebFilter(urlPatterns = "/sessions/*", asyncSupported = true)
public class GuestTunnelGuard extends TunnelGuard {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Tunnels tunnels;

    @Override
    protected TunnelRegistry tunnels() {
        return tunnels;
    }
}
