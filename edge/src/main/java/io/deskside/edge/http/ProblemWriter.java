package io.deskside.edge.http;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one writer of problem documents outside JAX-RS (servlets, filters, the tunnels' HTTP side):
 * JSON-P builds the text, so quotes, backslashes, control and non-ASCII characters in a detail
 * are always escaped as JSON wants them.
 */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    /** The document as UTF-8 JSON; absent fields are left out. */
    public static byte[] json(Problem p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.createGenerator(out)) {
            g.writeStartObject().write("type", p.type()).write("title", p.title()).write("status", p.status());
            if (p.detail() != null) {
                g.write("detail", p.detail());
            }
            if (p.instance() != null) {
                g.write("instance", p.instance());
            }
            g.writeEnd();
        }
        return out.toByteArray();
    }

    /** Answers the request with this problem, unless the response was committed already. */
    public static void write(HttpServletResponse response, Problem p) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = json(p);
        response.resetBuffer();
        response.setStatus(p.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    public static void write(HttpServletResponse response, int status, String detail, String instance) throws IOException {
        write(response, Problem.of(status, detail, instance));
    }
}
