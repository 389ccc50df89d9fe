package io.deskside.rest.audit;

import io.deskside.gateway.audit.EventLog;
import io.deskside.gateway.error.GatewayException;
import io.deskside.persistence.audit.EventType;
import io.deskside.persistence.technician.Role;
import io.deskside.rest.error.Params;
import io.deskside.rest.json.Views.EventView;
import io.deskside.rest.security.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The event log, for audit and call tracking, and a check that nobody has altered it. */
@Path("events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    public record Verification(boolean intact, Long brokenAt, String reason) {
    }

    @Inject
    Caller caller;

    @EJB
    EventLog log;

    @GET
    public List<EventView> page(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("type") String type, @QueryParam("page") String page, @QueryParam("size") String size) {
        caller.require(Role.billing, Role.supervisor, Role.admin);
        Instant f = Params.instant("from", from);
        Instant t = Params.instant("to", to);
        int s = Params.integer("size", size, 100, 1, 1000);
        int p = Params.integer("page", page, 0, 0, 1_000_000);
        return log.page(f == null ? Instant.EPOCH : f, t == null ? Instant.now().plusSeconds(1) : t, type(type), p * s, s)
                .stream().map(EventView::of).toList();
    }

    @GET
    @Path("verify")
    public Verification verify() {
        caller.require(Role.admin, Role.billing);
        return log.verify()
                .map(b -> new Verification(false, b.seq(), b.reason()))
                .orElse(new Verification(true, null, null));
    }

    private static EventType type(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return EventType.valueOf(name.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("type is an event type such as ticket_issued or request_claimed, not '" + name + "'");
        }
    }
}
