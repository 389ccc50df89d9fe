package io.deskside.edge.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a request may have come from a web page of another site riding on a technician's
 * remembered browser credentials (cross-site request forgery). A browser marks every request a
 * page sends: {@code Origin} on every POST, PUT, PATCH and DELETE and on WebSocket handshakes, and
 * {@code Sec-Fetch-Site} on all of them, and a page cannot forge either. So a state-changing
 * request or a WebSocket handshake is refused when its {@code Origin} is neither this server's own
 * nor one of {@code deskside.allowed-origins}, or when it says {@code Sec-Fetch-Site:
 * cross-site}/{@code same-site} without such an origin. A request with neither header comes from a
 * program (the Guest, curl, an integration), which no page can make send credentials, and passes.
 */
public final class CrossSiteCheck {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Set<String> allowedOrigins;

    public CrossSiteCheck(Set<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /**
     * Null when the request may go on; else why not, in words for the caller.
     *
     * @param host the request's {@code Host} header, the authority the browser addressed
     */
    public String refusal(String method, boolean webSocket, String origin, String fetchSite, String host) {
        if (SAFE.contains(method.toUpperCase(Locale.ROOT)) && !webSocket) {
            return null;
        }
        if (origin != null && !origin.isEmpty()) {
            if (allowedOrigins.contains(origin.toLowerCase(Locale.ROOT)) || sameOrigin(origin, host)) {
                return null;
            }
            return "web pages of other sites may not do this (Origin " + clip(origin) + "); list trusted sites in deskside.allowed-origins";
        }
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return "web pages of other sites may not do this (Sec-Fetch-Site " + clip(fetchSite) + ")";
        }
        return null;
    }

    /** Whether the origin names the host and port the request was sent to. */
    static boolean sameOrigin(String origin, String host) {
        if (host == null || host.isEmpty() || "null".equals(origin)) {
            return false;
        }
        try {
            URI o = new URI(origin);
            URI h = new URI(o.getScheme() + "://" + host);
            if (o.getHost() == null || h.getHost() == null || o.getRawPath() != null && !o.getRawPath().isEmpty()) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(o.getScheme()) ? 443 : "http".equalsIgnoreCase(o.getScheme()) ? 80 : -2;
            int originPort = o.getPort() == -1 ? defaultPort : o.getPort();
            // A Host header without a port leaves the port to the scheme the browser used.
            int hostPort = h.getPort() == -1 ? originPort : h.getPort();
            return defaultPort != -2 && o.getHost().equalsIgnoreCase(h.getHost()) && originPort == hostPort;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String clip(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
