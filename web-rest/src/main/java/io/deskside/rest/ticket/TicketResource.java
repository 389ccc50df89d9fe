package io.deskside.rest.ticket;

import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.queue.HelpQueue;
import io.deskside.gateway.ticket.IssuedTicket;
import io.deskside.gateway.ticket.TicketOffice;
import io.deskside.persistence.technician.Role;
import io.deskside.rest.error.Params;
import io.deskside.rest.json.Json;
import io.deskside.rest.json.Views.TicketView;
import io.deskside.rest.security.Caller;
import io.deskside.protocol.ticket.TicketCode;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.List;

/** Service tickets: a technician issues one and reads it to the end user. */
@Path("tickets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TicketResource {

    /**
     * What to issue. {@code secret}: "client" (the default) returns only the routing group, for
     * a Guest that makes the six secret digits itself, so they never pass through the gateway;
     * "server", for a caller that cannot (a script), has the gateway make them up and return the
     * whole code once, keeping nothing of them.
     */
    public record IssueTicket(Long validForSeconds, String secret) {
    }

    @Inject
    Caller caller;

    @EJB
    TicketOffice office;

    @EJB
    HelpQueue queue;

    @Context
    UriInfo uri;

    /** Takes the JSON body, or none at all for the defaults: {@code curl -u bob -X POST .../tickets}. */
    @POST
    public Response issue(String json) {
        var actor = caller.require(Role.technician);
        IssueTicket body = Json.read(json, IssueTicket.class);
        String secret = body == null || body.secret() == null ? "client" : body.secret();
        if (!secret.equals("server") && !secret.equals("client")) {
            throw GatewayException.invalid("secret is \"server\" or \"client\", not \"" + secret + "\"");
        }
        Duration ttl = body == null || body.validForSeconds() == null ? null : Duration.ofSeconds(body.validForSeconds());
        IssuedTicket t = office.issue(actor, ttl, secret.equals("server"));
        String code = t.secret() == null ? null : new TicketCode(t.routing(), t.secret()).reveal();
        TicketView view = new TicketView(t.id(), t.routing().digits(), code, "issued", t.issuedAt(), t.expiresAt(),
                actor.login(), 0);
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(t.id())).build())
                .header("Cache-Control", "no-store")
                .entity(view)
                .build();
    }

    @GET
    public List<TicketView> live() {
        return office.liveTicketsOf(caller.require(Role.technician)).stream().map(TicketView::of).toList();
    }

    @GET
    @Path("{id}")
    public TicketView one(@PathParam("id") String id) {
        return TicketView.of(office.find(caller.require(Role.technician, Role.supervisor), Params.id("id", id)));
    }

    /** Withdraws a live ticket; the requests waiting with it end ({@code ticket_closed}). */
    @DELETE
    @Path("{id}")
    public TicketView revoke(@PathParam("id") String id) {
        return TicketView.of(queue.revokeTicket(caller.require(Role.technician, Role.supervisor), Params.id("id", id)));
    }
}
