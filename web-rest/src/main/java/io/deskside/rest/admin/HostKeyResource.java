package io.deskside.rest.admin;

import io.deskside.gateway.host.HostCredentials;
import io.deskside.persistence.technician.Role;
import io.deskside.rest.security.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The keys behind Host credentials. Rotating them revokes every Host downloaded so far: those
 * Hosts can open no new tunnel (sessions already running carry on) and their users must download
 * the Host again. For a leaked credential, or a scheduled clean-out.
 */
@Path("host-keys")
@RequestScoped
public class HostKeyResource {

    @Inject
    Caller caller;

    @EJB
    HostCredentials credentials;

    @POST
    @Path("rotation")
    public Response rotate() {
        var admin = caller.require(Role.admin);
        credentials.rotate(admin.login());
        return Response.noContent().build();
    }
}
