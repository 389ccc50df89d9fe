package io.deskside.rest.security;

import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.security.Actor;
import io.deskside.gateway.technician.TechnicianDirectory;
import io.deskside.persistence.technician.Role;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Arrays;

/**
 * The account behind the current request, and the role checks resources make. The container
 * has authenticated the caller already (web.xml asks it to for everything but health and the
 * API description); here a missing role becomes a 403 problem.
 */
@RequestScoped
public class Caller {

    @Inject
    HttpServletRequest request;

    @EJB
    TechnicianDirectory directory;

    private Actor actor;

    public Actor actor() {
        if (actor == null) {
            Principal p = request.getUserPrincipal();
            if (p == null) {
                throw new GatewayException(401, "Unauthorized", "sign in with HTTP Basic");
            }
            actor = directory.actor(p.getName())
                    .orElseThrow(() -> GatewayException.forbidden("account '" + p.getName() + "' may not act"));
        }
        return actor;
    }

    /** The actor, if they hold at least one of the roles; otherwise 403. */
    public Actor require(Role... anyOf) {
        Actor a = actor();
        if (Arrays.stream(anyOf).noneMatch(a::has)) {
            throw GatewayException.forbidden("this needs the role " + String.join(" or ",
                    Arrays.stream(anyOf).map(Enum::name).toList()));
        }
        return a;
    }
}
