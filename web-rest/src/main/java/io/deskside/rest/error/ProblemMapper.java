package io.deskside.rest.error;

import io.deskside.edge.http.Problem;
import io.deskside.gateway.error.GatewayException;
import io.deskside.gateway.error.TooManyAttempts;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where failures become responses. A client fault is a 4xx problem document
 * with the reason, and one warning line in the log. Anything else is a 500 saying "internal
 * error" to the caller, with the cause in the log: never a stack trace on the wire.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = unwrap(thrown);
        String path = uri == null ? null : "/api/" + uri.getPath().replaceFirst("^/", "");
        if (e instanceof GatewayException g) {
            if (g.status() >= 500) {
                LOG.warning(() -> "Unavailable: " + path + ": " + g.getMessage());
            } else {
                LOG.warning(() -> "Rejected " + path + ": " + g.getMessage());
            }
            Response.ResponseBuilder r = problem(g.status(), g.title(), g.getMessage(), path);
            if (g instanceof TooManyAttempts t) {
                r.header("Retry-After", Long.toString(t.retryAfter().toSeconds()));
            }
            if (g.status() == 401) {
                r.header("WWW-Authenticate", "Basic realm=\"Deskside\"");
            }
            return r.build();
        }
        if (e instanceof WebApplicationException w) {
            Response original = w.getResponse();
            int status = original.getStatus();
            if (status >= 500) {
                return internal(e, path);
            }
            LOG.warning(() -> "Rejected " + path + ": " + status);
            Response.ResponseBuilder r = problem(status, original.getStatusInfo().getReasonPhrase(), clientMessage(w, status), path);
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    values.forEach(v -> r.header(name, v));
                }
            });
            return r.build();
        }
        if (e instanceof JsonbException || e instanceof ProcessingException) {
            LOG.warning(() -> "Rejected " + path + ": unreadable body");
            return problem(400, "Bad request", "the request body is not the JSON this resource takes", path).build();
        }
        if (violatesConstraint(thrown)) {
            LOG.warning(() -> "Rejected " + path + ": conflicts with existing data");
            return problem(409, "Conflict", "this conflicts with existing data (a name or login taken at the same moment); read it again and retry", path).build();
        }
        if (e instanceof OptimisticLockException) {
            return problem(409, "Conflict", "someone changed this at the same time; read it again and retry", path).build();
        }
        return internal(e, path);
    }

    private static String clientMessage(WebApplicationException w, int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this resource does not take that method";
            case 406 -> "this resource cannot answer in the media type asked for";
            case 415 -> "this resource does not take that media type; send application/json";
            default -> w.getMessage() == null ? "bad request" : w.getMessage();
        };
    }

    private static Response internal(Throwable e, String path) {
        LOG.severe(() -> "Internal error at " + path + ": " + e);
        LOG.log(Level.FINE, "Stack of the internal error", e);
        return problem(500, "Internal Server Error", "internal error", path).build();
    }

    private static Response.ResponseBuilder problem(int status, String title, String detail, String path) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail, path));
    }

    /** A unique or foreign-key constraint refused the write: SQLSTATE class 23. */
    private static boolean violatesConstraint(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        for (int depth = 0; depth < 10 && e.getCause() != null
                && (e instanceof EJBException || e.getClass().getName().startsWith("jakarta.persistence.")
                        && !(e instanceof OptimisticLockException)); depth++) {
            e = e.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof GatewayException || c instanceof OptimisticLockException) {
                return c;
            }
        }
        return e;
    }
}
