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

    /**
     * The verdict: {@code brokenAt} is the first entry that does not check (absent when the
     * fault is the checkpoint file); entries from {@code keyedFrom} on are keyed; the walk
     * reached entry {@code checkedThrough}; and it was held against this node's checkpoint of
     * entry {@code checkpoint}, if there was one.
     */
    public record Verification(boolean intact, Long brokenAt, String reason, long keyedFrom, long checkedThrough, Long checkpoint) {
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
        EventLog.Verdict v = log.verify();
        return v.broken()
                .map(b -> new Verification(false, b.seq(), b.reason(), v.keyedFrom(), v.checkedThrough(), v.checkpoint()))
                .orElse(new Verification(true, null, null, v.keyedFrom(), v.checkedThrough(), v.checkpoint()));
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
