package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.OpenFailed;
import io.deskside.protocol.client.GatewayTunnel.OpenFailed.Why;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why one attempt to open a transport failed, read from what the JDK's HttpClient and WebSocket
 * report. What JDK 17 reports was found by experiment against a real Squid (and is asserted by
 * {@code GatewayTunnelOpenFailedTest}), not taken from its documentation, which says none of it:
 *
 * <ul>
 * <li>a proxy that wants a login answers an HTTP request, and a {@code CONNECT} for HTTPS, with a
 * <em>response</em> of status 407; a WebSocket gets a {@link WebSocketHandshakeException} whose
 * response has status 407; a login the proxy refuses ends, after the JDK's three tries, in an
 * {@code IOException("too many authentication attempts. Limit: 3")};
 * <li>a proxy that refuses a {@code CONNECT} gives {@code IOException("Tunnel failed, got: 403")}
 * (so does a proxy that cannot reach the gateway, with 502, 503 or 504); a plain HTTP request
 * gets the proxy's 403 (or 503) as its response;
 * <li>an untrusted certificate is an {@link SSLException} ({@code SSLHandshakeException});
 * <li>a server that accepts but never answers: {@link HttpTimeoutException} (HTTP),
 * {@code HttpConnectTimeoutException} (HTTPS, whose handshake counts as the connection);
 * <li>a closed port or an unknown host: {@code ConnectException} without a message.
 * </ul>
 *
 * The proxy's words are only in messages for two of these; they are matched here and nowhere else.
 */
final class OpenFailures {

    /** The JDK's words when a proxy does not let a {@code CONNECT} through, followed by the status. */
    private static final String TUNNEL_FAILED = "Tunnel failed, got: ";
    /** The JDK's words when a proxy (or server) refused every login the authenticator gave. */
    private static final String TOO_MANY_LOGINS = "too many authentication attempts";
    private static final int PROXY_AUTHENTICATION_REQUIRED = 407;
    private static final int MAX_CAUSES = 16;

    private OpenFailures() {
    }

    /** The most specific reason anywhere in the chain of {@code failure}'s causes; {@code UNREACHABLE} if none is known. */
    static Why why(Throwable failure) {
        Why found = Why.UNREACHABLE;
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            Why w = one(t);
            if (w.moreSpecificThan(found)) {
                found = w;
            }
        }
        return found;
    }

    private static Why one(Throwable t) {
        if (t instanceof OpenFailed o) {
            return o.why();
        }
        if (t instanceof SSLException) {
            return Why.TLS_UNTRUSTED;
        }
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException || t instanceof SocketTimeoutException) {
            return Why.TIMED_OUT;
        }
        if (t instanceof WebSocketHandshakeException h && h.getResponse() != null
                && h.getResponse().statusCode() == PROXY_AUTHENTICATION_REQUIRED) {
            return Why.PROXY_AUTH;
        }
        String message = t.getMessage() == null ? "" : t.getMessage();
        if (message.startsWith(TOO_MANY_LOGINS)) {
            return Why.PROXY_AUTH;
        }
        if (message.startsWith(TUNNEL_FAILED)) {
            return connectRefused(message.substring(TUNNEL_FAILED.length()).strip());
        }
        return Why.UNREACHABLE;
    }

    /** A proxy's answer to {@code CONNECT}: 407 wants a login; 502–504, it could not reach the gateway; else it refuses. */
    private static Why connectRefused(String status) {
        int code;
        try {
            code = Integer.parseInt(status);
        } catch (NumberFormatException e) {
            return Why.PROXY_REFUSED;
        }
        return switch (code) {
            case PROXY_AUTHENTICATION_REQUIRED -> Why.PROXY_AUTH;
            case 502, 503, 504 -> Why.UNREACHABLE;
            default -> Why.PROXY_REFUSED;
        };
    }

    /**
     * The hello of an HTTP transport was answered with {@code status}, not frames. Only a proxy
     * answers 407; the gateway never answers a hello with 403, so through a proxy that is the
     * proxy's refusal. Anything else (a wrong address's 404, a proxy's 503) is not getting there.
     */
    static OpenFailed answered(GatewayTunnel.Mode mode, int status, ProxySelector proxy, URI endpoint) {
        Why why;
        if (status == PROXY_AUTHENTICATION_REQUIRED) {
            why = Why.PROXY_AUTH;
        } else if (status == HttpTunnelContract.REFUSED_HERE && throughAProxy(proxy, endpoint)) {
            why = Why.PROXY_REFUSED;
        } else {
            why = Why.UNREACHABLE;
        }
        return new OpenFailed(why, mode + ": the hello was answered " + status, null);
    }

    private static boolean throughAProxy(ProxySelector proxy, URI endpoint) {
        if (proxy == null) {
            return false;
        }
        try {
            return proxy.select(endpoint).stream().anyMatch(p -> p.type() != Proxy.Type.DIRECT);
        } catch (RuntimeException e) {
            return false; // a selector that cannot say: not known to be a proxy
        }
    }
}
