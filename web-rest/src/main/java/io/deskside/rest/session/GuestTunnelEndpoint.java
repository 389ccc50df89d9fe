package io.deskside.rest.session;

import io.deskside.protocol.client.HttpTunnelContract;
import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.relay.GuestConnection;
import io.deskside.gateway.relay.SessionDirectory;
import io.deskside.gateway.security.Actor;
import io.deskside.gateway.technician.TechnicianDirectory;
import io.deskside.gateway.tunnel.TunnelDoor;
import io.deskside.edge.tunnel.socket.PeerAddress;
import io.deskside.edge.tunnel.socket.TunnelSockets;
import io.deskside.gateway.tunnel.Tunnels;
import io.deskside.edge.tunnel.socket.WebSocketTransport;
import io.deskside.persistence.technician.Role;
import io.deskside.protocol.wire.Message;
import jakarta.ejb.EJB;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Optional;

/**
 * The technician's Guest tunnel for a claimed help request, at
 * {@code /api/sessions/{id}/tunnel}: the handshake is signed in like every API call, and only
 * the technician who claimed the request may open it (or carry it on after a drop). Binary
 * messages carry frames both ways; the session lives in {@link GuestConnection}. The same
 * address answers HTTP streaming and transaction mode ({@link GuestTunnelServlet}).
 */
@ServerEndpoint(value = HttpTunnelContract.GUEST_PATH, configurator = PeerAddress.Configurator.class)
public class GuestTunnelEndpoint {

    @EJB
    SessionDirectory sessions;

    @EJB
    TechnicianDirectory technicians;

    @EJB
    Tunnels tunnels;

    @OnOpen
    public void open(Session session, @PathParam("id") String id) throws IOException {
        TunnelSockets.limit(session);
        Principal principal = session.getUserPrincipal();
        Optional<Actor> actor = principal == null ? Optional.empty() : technicians.actor(principal.getName());
        if (actor.isEmpty() || !actor.get().has(Role.technician)) {
            TunnelSockets.refuse(session, "Guest", "needs the technician role");
            return;
        }
        long requestId;
        try {
            requestId = Long.parseLong(id);
            sessions.claimedBy(actor.get(), requestId);
        } catch (NumberFormatException e) {
            TunnelSockets.refuse(session, "Guest", "no such session");
            return;
        } catch (GatewayException e) {
            TunnelSockets.refuse(session, "Guest", e.getMessage());
            return;
        }
        Actor technician = actor.get();
        TunnelSockets.attach(session, new TunnelDoor(tunnels, new WebSocketTransport(session, PeerAddress.proxied(session)), Message.Role.GUEST,
                owner(technician, requestId), tunnel -> sessions.openGuest(tunnel, technician, requestId)));
    }

    /** Who may carry a Guest tunnel on: the technician, for this request only. */
    static String owner(Actor technician, long requestId) {
        return technician.login() + "#" + requestId;
    }

    @OnMessage
    public void binary(Session session, ByteBuffer bytes) {
        TunnelSockets.binary(session, bytes);
    }

    @OnMessage
    public void text(Session session, String text) throws IOException {
        TunnelSockets.text(session);
    }

    @OnClose
    public void close(Session session) {
        TunnelSockets.closed(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        TunnelSockets.failed("Guest", error);
    }
}
