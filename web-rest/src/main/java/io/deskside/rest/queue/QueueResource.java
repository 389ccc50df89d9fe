package io.deskside.rest.queue;

import io.deskside.gateway.queue.HelpQueue;
import io.deskside.persistence.technician.Role;
import io.deskside.rest.error.Params;
import io.deskside.rest.json.Views.RequestView;
import io.deskside.rest.security.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The waiting help requests the caller may see, and claiming one. Live updates: {@link QueueSocket}. */
@Path("queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    @Inject
    Caller caller;

    @EJB
    HelpQueue queue;

    @GET
    public List<RequestView> waiting() {
        var actor = caller.require(Role.technician, Role.supervisor);
        return queue.visibleTo(queue.viewer(actor)).stream().map(RequestView::of).toList();
    }

    @POST
    @Path("{id}/claim")
    public RequestView claim(@PathParam("id") String id) {
        // Only technicians run sessions: a claim by anyone else would leave the Host waiting.
        var actor = caller.require(Role.technician);
        return RequestView.of(queue.claim(actor, Params.id("id", id)));
    }
}
