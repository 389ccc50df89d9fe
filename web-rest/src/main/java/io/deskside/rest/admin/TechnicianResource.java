package io.deskside.rest.admin;

import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.technician.TechnicianDirectory;
import io.deskside.persistence.technician.Role;
import io.deskside.rest.error.Params;
import io.deskside.rest.json.Json;
import io.deskside.rest.json.Views.TechnicianView;
import io.deskside.rest.security.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Help-desk accounts, managed by administrators. Accounts are deactivated, never deleted. */
@Path("technicians")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TechnicianResource {

    public record NewTechnician(String login, String displayName, String password, List<String> roles) {
    }

    /** Fields left out stay as they are. */
    public record TechnicianChange(String displayName, List<String> roles, Boolean active) {
    }

    public record PasswordChange(String password) {
    }

    @Inject
    Caller caller;

    @EJB
    TechnicianDirectory directory;

    @Context
    UriInfo uri;

    @GET
    public List<TechnicianView> list() {
        caller.require(Role.admin, Role.supervisor);
        return directory.list().stream().map(TechnicianView::of).toList();
    }

    @POST
    public Response create(String json) {
        var admin = caller.require(Role.admin);
        NewTechnician body = required(Json.read(json, NewTechnician.class));
        var t = directory.create(admin, body.login(), body.displayName(), body.password(), roles(body.roles()));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(t.id())).build())
                .entity(TechnicianView.of(t)).build();
    }

    @GET
    @Path("{id}")
    public TechnicianView one(@PathParam("id") String id) {
        caller.require(Role.admin, Role.supervisor);
        return TechnicianView.of(directory.find(Params.id("id", id)));
    }

    @PUT
    @Path("{id}")
    public TechnicianView change(@PathParam("id") String id, String json) {
        var admin = caller.require(Role.admin);
        TechnicianChange body = required(Json.read(json, TechnicianChange.class));
        return TechnicianView.of(directory.update(admin, Params.id("id", id), body.displayName(),
                body.roles() == null ? null : roles(body.roles()), body.active()));
    }

    @PUT
    @Path("{id}/password")
    public Response password(@PathParam("id") String id, String json) {
        var admin = caller.require(Role.admin);
        directory.changePassword(admin, Params.id("id", id), required(Json.read(json, PasswordChange.class)).password());
        return Response.noContent().build();
    }

    static <T> T required(T body) {
        if (body == null) {
            throw GatewayException.invalid("this needs a JSON body");
        }
        return body;
    }

    static Set<Role> roles(List<String> names) {
        if (names == null) {
            return null;
        }
        try {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            names.forEach(n -> roles.add(Role.parse(n)));
            return roles;
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid(e.getMessage());
        }
    }
}
