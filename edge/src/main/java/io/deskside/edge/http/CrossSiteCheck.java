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
     * @param secure whether the browser reached us over TLS (itself, or through a trusted balancer)
     */
    public String refusal(String method, boolean webSocket, String origin, String fetchSite, String host, boolean secure) {
        if (SAFE.contains(method.toUpperCase(Locale.ROOT)) && !webSocket) {
            return null;
        }
        if (origin != null && !origin.isEmpty()) {
            if (allowedOrigins.contains(origin.toLowerCase(Locale.ROOT)) || sameOrigin(origin, host, secure)) {
                return null;
            }
            return "web pages of other sites may not do this (Origin " + clip(origin) + "); list trusted sites in deskside.allowed-origins";
        }
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return "web pages of other sites may not do this (Sec-Fetch-Site " + clip(fetchSite) + ")";
        }
        return null;
    }

    /**
     * Whether the origin names the scheme, host and port the request was sent to: a page served
     * over plain HTTP on the same host name is another origin than the HTTPS one.
     */
    static boolean sameOrigin(String origin, String host, boolean secure) {
        if (host == null || host.isEmpty() || "null".equals(origin)) {
            return false;
        }
        try {
            URI o = new URI(origin);
            String scheme = secure ? "https" : "http";
            URI h = new URI(scheme + "://" + host);
            if (!scheme.equalsIgnoreCase(o.getScheme()) || o.getHost() == null || h.getHost() == null
                    || o.getRawPath() != null && !o.getRawPath().isEmpty()) {
                return false;
            }
            int defaultPort = secure ? 443 : 80;
            int originPort = o.getPort() == -1 ? defaultPort : o.getPort();
            int hostPort = h.getPort() == -1 ? defaultPort : h.getPort();
            return o.getHost().equalsIgnoreCase(h.getHost()) && originPort == hostPort;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String clip(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }
}
