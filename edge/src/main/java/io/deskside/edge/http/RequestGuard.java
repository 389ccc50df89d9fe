package io.deskside.edge.http;

import io.deskside.edge.config.EdgeSettings;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What every request to either WAR passes first: methods the gateway does not serve are refused
 * with 405 (among them {@code OPTIONS} and {@code TRACE}: Deskside offers no cross-origin access,
 * so a preflight has nothing to allow, and a trace only echoes), and so is anything another
 * site's page may have sent ({@link CrossSiteCheck}). Each WAR registers it with a one-line subclass, as filters in an
 * EAR library are not scanned.
 */
public class RequestGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RequestGuard.class.getName());
    private static final Set<String> SERVED_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE");

    private transient CrossSiteCheck check;

    @Override
    public void init() {
        check = new CrossSiteCheck(EdgeSettings.current().allowedOrigins());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = request.getRequestURI();
        if (!SERVED_METHODS.contains(method)) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE");
            ProblemWriter.write(response, 405, method + " is not served here", null);
            return;
        }
        boolean webSocket = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        String refusal = check.refusal(method, webSocket, request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"),
                request.getHeader("Host"), PeerOrigins.secure(request));
        if (refusal != null) {
            LOG.warning(() -> "Refused " + method + " " + clip(path) + ": " + refusal);
            ProblemWriter.write(response, 403, refusal, null);
            return;
        }
        chain.doFilter(request, response);
    }

    private static String clip(String s) {
        String printable = s == null ? "" : s.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
    }
}
