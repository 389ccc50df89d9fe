package io.deskside.rest.session;

import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.relay.GuestConnection;
import io.deskside.gateway.relay.SessionDirectory;
import io.deskside.gateway.relay.WebSocketSink;
import io.deskside.gateway.security.Actor;
import io.deskside.gateway.technician.TechnicianDirectory;
import io.deskside.persistence.technician.Role;
import jakarta.ejb.EJB;
import jakarta.websocket.CloseReason;
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
import java.util.logging.Logger;

/**
 * The technician's Guest tunnel for a claimed help request, at
 * {@code /api/sessions/{id}/tunnel}: the handshake is signed in like every API call, and only
 * the technician who claimed the request may open it. Binary messages carry frames both ways;
 * the protocol lives in {@link GuestConnection}.
 */
@ServerEndpoint("/sessions/{id}/tunnel")
public class GuestTunnelEndpoint {

    static final int MAX_MESSAGE_BYTES = (1 << 20) + 64;
    private static final Logger LOG = Logger.getLogger(GuestTunnelEndpoint.class.getName());
    private static final String CONNECTION = GuestConnection.class.getName();

    @EJB
    SessionDirectory sessions;

    @EJB
    TechnicianDirectory technicians;

    @OnOpen
    public void open(Session session, @PathParam("id") String id) throws IOException {
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxTextMessageBufferSize(256);
        Principal principal = session.getUserPrincipal();
        Optional<Actor> actor = principal == null ? Optional.empty() : technicians.actor(principal.getName());
        if (actor.isEmpty() || !actor.get().has(Role.technician)) {
            refuse(session, "needs the technician role");
            return;
        }
        long requestId;
        try {
            requestId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            refuse(session, "no such session");
            return;
        }
        try {
            session.getUserProperties().put(CONNECTION, sessions.openGuest(new WebSocketSink(session), actor.get(), requestId));
        } catch (GatewayException e) {
            refuse(session, e.getMessage());
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer bytes) {
        GuestConnection c = connection(session);
        if (c != null) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            c.receive(copy);
        }
    }

    @OnMessage
    public void text(Session session, String text) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "frames are binary"));
    }

    @OnClose
    public void close(Session session) {
        GuestConnection c = connection(session);
        if (c != null) {
            c.dropped();
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.fine(() -> "Guest tunnel error: " + error);
    }

    private static void refuse(Session session, String why) throws IOException {
        LOG.warning(() -> "Refused a Guest tunnel: " + why);
        session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, why.length() > 120 ? why.substring(0, 120) : why));
    }

    private static GuestConnection connection(Session session) {
        return (GuestConnection) session.getUserProperties().get(CONNECTION);
    }
}
