package io.deskside.rest.admin;

import io.deskside.gateway.service.HelpServiceCatalog;
import io.deskside.persistence.technician.Role;
import io.deskside.rest.error.Params;
import io.deskside.rest.json.Json;
import io.deskside.rest.json.Views.ServiceView;
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
import java.util.List;

/** Help services: read by the whole help desk, managed by administrators. */
@Path("services")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServiceResource {

    public record NewService(String name, String description, List<String> technicians) {
    }

    /** Fields left out stay as they are; {@code technicians} replaces the whole staff. */
    public record ServiceChange(String name, String description, Boolean active, List<String> technicians) {
    }

    @Inject
    Caller caller;

    @EJB
    HelpServiceCatalog catalog;

    @Context
    UriInfo uri;

    @GET
    public List<ServiceView> list() {
        caller.actor();
        return catalog.list().stream().map(ServiceView::of).toList();
    }

    @POST
    public Response create(String json) {
        var admin = caller.require(Role.admin);
        NewService body = TechnicianResource.required(Json.read(json, NewService.class));
        var s = catalog.create(admin, body.name(), body.description(), body.technicians());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(s.id())).build())
                .entity(ServiceView.of(s)).build();
    }

    @GET
    @Path("{id}")
    public ServiceView one(@PathParam("id") String id) {
        caller.actor();
        return ServiceView.of(catalog.find(Params.id("id", id)));
    }

    @PUT
    @Path("{id}")
    public ServiceView change(@PathParam("id") String id, String json) {
        var admin = caller.require(Role.admin);
        ServiceChange body = TechnicianResource.required(Json.read(json, ServiceChange.class));
        return ServiceView.of(catalog.update(admin, Params.id("id", id), body.name(), body.description(),
                body.active(), body.technicians()));
    }
}
