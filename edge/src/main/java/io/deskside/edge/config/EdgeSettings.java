package io.deskside.edge.config;

import io.deskside.edge.port.PeerOrigin;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The edge's knobs, read once like the gateway's: a system property ({@code deskside.allowed-origins})
 * or, failing that, the environment ({@code DESKSIDE_ALLOWED_ORIGINS}). A bad value stops the
 * deployment with a message naming the setting.
 *
 * <p>{@code allowedOrigins}: web origins ({@code https://portal.example.com}, comma-separated)
 * whose pages may send state-changing requests with a technician's browser credentials, and open
 * the queue or tunnel WebSockets; none by default. Pages of the gateway's own origin always may.
 * {@code trustedProxies} ({@code deskside.trusted-proxies}): the load balancers and reverse
 * proxies whose one forwarding header, {@code forwardedHeader}
 * ({@code deskside.trusted-proxies.header}), is believed for a client's address and TLS; see
 * {@link PeerOrigin}.
 */
public record EdgeSettings(Set<String> allowedOrigins, PeerOrigin.Ranges trustedProxies, PeerOrigin.Header forwardedHeader) {

    private static volatile EdgeSettings current;

    public EdgeSettings {
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** The settings of this server, read on first use. */
    public static EdgeSettings current() {
        EdgeSettings s = current;
        if (s == null) {
            s = fromEnvironment();
            current = s;
        }
        return s;
    }

    public static EdgeSettings fromEnvironment() {
        Map<String, String> env = System.getenv();
        return from(key -> {
            String value = System.getProperty(key);
            return value != null ? value : env.get(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        });
    }

    public static EdgeSettings from(Function<String, String> source) {
        String raw = source.apply("deskside.allowed-origins");
        Set<String> origins = raw == null ? Set.of() : Arrays.stream(raw.split(","))
                .map(String::strip)
                .filter(o -> !o.isEmpty())
                .map(EdgeSettings::origin)
                .collect(Collectors.toUnmodifiableSet());
        PeerOrigin.Ranges trusted;
        try {
            trusted = PeerOrigin.Ranges.parse(raw(source, "deskside.trusted-proxies"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("deskside.trusted-proxies: " + e.getMessage());
        }
        PeerOrigin.Header header;
        try {
            header = PeerOrigin.Header.parse(raw(source, "deskside.trusted-proxies.header"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("deskside.trusted-proxies.header: " + e.getMessage());
        }
        return new EdgeSettings(origins, trusted, header);
    }

    private static String raw(Function<String, String> source, String key) {
        String v = source.apply(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** An origin as a browser sends it: scheme, host and port if not the default, nothing else. */
    private static String origin(String value) {
        try {
            URI u = new URI(value);
            boolean web = "https".equals(u.getScheme()) || "http".equals(u.getScheme());
            if (!web || u.getHost() == null || u.getRawUserInfo() != null || (u.getRawPath() != null && !u.getRawPath().isEmpty())
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                throw new IllegalArgumentException();
            }
            return value.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("deskside.allowed-origins lists origins like https://portal.example.com"
                    + " (scheme, host, port; no path), not '" + value + "'");
        }
    }
}
