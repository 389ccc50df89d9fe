package io.deskside.rest.admin;

import io.deskside.gateway.security.Actor;
import io.deskside.gateway.technician.TechnicianDirectory;
import io.deskside.rest.json.Json;
import io.deskside.rest.security.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The signed-in account: who it is, and changing its own password. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    public record Me(long id, String login, String displayName, List<String> roles) {
    }

    @Inject
    Caller caller;

    @EJB
    TechnicianDirectory directory;

    @GET
    public Me me() {
        Actor a = caller.actor();
        return new Me(a.id(), a.login(), a.displayName(), a.roles().stream().map(Enum::name).sorted().toList());
    }

    @PUT
    @Path("password")
    public Response password(String json) {
        Actor a = caller.actor();
        var body = TechnicianResource.required(Json.read(json, TechnicianResource.PasswordChange.class));
        directory.changePassword(a, a.id(), body.password());
        return Response.noContent().build();
    }
}
