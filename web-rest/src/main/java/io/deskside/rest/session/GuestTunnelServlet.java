package io.deskside.rest.session;

import io.deskside.protocol.client.HttpTunnelContract;
import io.deskside.edge.http.ProblemWriter;
import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.relay.SessionDirectory;
import io.deskside.gateway.security.Actor;
import io.deskside.gateway.technician.TechnicianDirectory;
import io.deskside.edge.tunnel.http.HttpTunnels;
import io.deskside.gateway.tunnel.TunnelDoor;
import io.deskside.gateway.tunnel.Tunnels;
import io.deskside.persistence.technician.Role;
import io.deskside.protocol.wire.Message;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The technician's Guest tunnel over plain HTTP, at {@code /api/sessions/{id}/tunnel} like the
 * WebSocket endpoint: streaming and transaction mode, signed in like every API call, for the
 * technician who claimed the request. The rules are {@link HttpTunnels}'.
 */
@WebServlet(urlPatterns = "/sessions/*", asyncSupported = true)
public class GuestTunnelServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PATH = Pattern.compile("/(\\d{1,18})/tunnel");

    @EJB
    transient SessionDirectory sessions;

    @EJB
    transient TechnicianDirectory technicians;

    @EJB
    transient Tunnels tunnels;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Actor technician = technician(request, response);
        if (technician == null) {
            return;
        }
        long requestId = Long.parseLong(request.getAttribute(PATH.pattern()).toString());
        String owner = GuestTunnelEndpoint.owner(technician, requestId);
        new HttpTunnels(tunnels).post(request, response, Message.Role.GUEST, owner,
                TunnelDoor.opening(tunnels, Message.Role.GUEST, owner, tunnel -> sessions.openGuest(tunnel, technician, requestId)));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Actor technician = technician(request, response);
        if (technician == null) {
            return;
        }
        long requestId = Long.parseLong(request.getAttribute(PATH.pattern()).toString());
        new HttpTunnels(tunnels).get(request, response, Message.Role.GUEST, GuestTunnelEndpoint.owner(technician, requestId));
    }

    /** The signed-in technician who claimed the request the path names; null after answering why not. */
    private Actor technician(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher m = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!m.matches()) {
            ProblemWriter.write(response, 404, "no such resource", null);
            return null;
        }
        Principal principal = request.getUserPrincipal();
        Optional<Actor> actor = principal == null ? Optional.empty() : technicians.actor(principal.getName());
        if (actor.isEmpty() || !actor.get().has(Role.technician)) {
            ProblemWriter.write(response, 403, "needs the technician role", null);
            return null;
        }
        long requestId = Long.parseLong(m.group(1));
        try {
            if (request.getHeader(HttpTunnelContract.TOKEN) == null) {
                // Opening: only the claimer. Later requests name a tunnel bound to this
                // technician and request, which is the same check without the database.
                sessions.claimedBy(actor.get(), requestId);
            }
        } catch (GatewayException e) {
            ProblemWriter.write(response, e.status(), e.getMessage(), null);
            return null;
        }
        request.setAttribute(PATH.pattern(), requestId);
        return actor.get();
    }
}
