package io.deskside.rest.queue;

import io.deskside.rest.error.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Refuses WebSocket handshakes from web pages of other sites with a 403. The Guest is not a
 * browser and sends no Origin; a browser always does, and only origins listed in
 * {@code deskside.allowed-origins} (comma-separated) may connect. This stops a hostile page
 * from riding on a technician's remembered Basic credentials.
 */
@WebFilter(urlPatterns = {"/queue/events", "/sessions/*"}, asyncSupported = true)
public class OriginFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OriginFilter.class.getName());

    private final Set<String> allowed = Arrays.stream(
                    System.getProperty("deskside.allowed-origins", System.getenv().getOrDefault("DESKSIDE_ALLOWED_ORIGINS", ""))
                            .split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isEmpty() || allowed.contains(origin)) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warning(() -> "Refused a queue subscription from a web page of another site");
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(Problem.MEDIA_TYPE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"web pages of other sites may not subscribe to the queue\"}");
    }
}
