package io.deskside.rest.health;

import io.deskside.gateway.health.Health;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** For load balancers and orchestrators; no sign-in needed, and nothing secret in the answer. */
@Path("health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    public record Status(String status, String reason) {
    }

    @EJB
    Health health;

    /** The application answers. */
    @GET
    @Path("live")
    public Status live() {
        return new Status("up", null);
    }

    /** The application can serve: schema current, database answering. 503 otherwise. */
    @GET
    @Path("ready")
    public Response ready() {
        String problem = health.notReadyBecause();
        return problem == null
                ? Response.ok(new Status("up", null)).build()
                : Response.status(503).entity(new Status("down", problem)).build();
    }
}
