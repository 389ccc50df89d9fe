package io.deskside.rest.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** The API's OpenAPI 3.1 description, written by hand beside the code and checked against it by a test. */
@Path("openapi")
@RequestScoped
public class OpenApiResource {

    public static final String DOCUMENT = "/openapi.yaml";

    @GET
    @Produces({"application/yaml", "text/plain"})
    public Response document() {
        InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT);
        return in == null ? Response.status(404).build() : Response.ok(in).build();
    }
}
