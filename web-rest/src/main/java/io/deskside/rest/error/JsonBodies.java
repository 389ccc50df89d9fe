package io.deskside.rest.error;

import io.deskside.edge.http.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Every body the API takes is JSON, and it takes no other: a request that carries a body of
 * another type is refused with 415 before any resource sees it. A web page of another site can
 * send a form (text/plain, form-urlencoded, multipart) without asking the browser's permission,
 * but not JSON. The edge's cross-site check is what refuses forged requests (body-less ones
 * too); this keeps a form from ever passing for an API call, whoever sends it.
 */
@Provider
@PreMatching
public class JsonBodies implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(JsonBodies.class.getName());
    private static final Set<String> WITH_BODIES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!WITH_BODIES.contains(request.getMethod()) || !request.hasEntity()) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType() && !type.isWildcardSubtype()) {
            return;
        }
        String path = "/api/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        LOG.warning(() -> "Rejected " + path + ": a body of type " + type);
        request.abortWith(Response.status(415)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(415, "the API takes JSON bodies only (Content-Type: application/json)", path))
                .build());
    }
}
