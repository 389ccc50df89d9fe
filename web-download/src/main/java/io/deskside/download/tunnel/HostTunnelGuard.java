package io.deskside.download.tunnel;

import io.deskside.edge.port.TunnelRegistry;
import io.deskside.edge.tunnel.socket.TunnelGuard;
import io.deskside.gateway.tunnel.Tunnels;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebFilter;

/** The edge's {@link TunnelGuard} on the Host's tunnel. */
@WebFilter(urlPatterns = HostTunnelEndpoint.PATH, asyncSupported = true)
public class HostTunnelGuard extends TunnelGuard {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Tunnels tunnels;

    @Override
    protected TunnelRegistry tunnels() {
        return tunnels;
    }
}
