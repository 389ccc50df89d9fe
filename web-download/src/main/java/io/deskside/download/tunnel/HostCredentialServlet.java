package io.deskside.download.tunnel;

import io.deskside.edge.http.PeerOrigins;
import io.deskside.edge.http.ProblemWriter;
import io.deskside.gateway.error.TooManyAttempts;
import io.deskside.gateway.host.HostCredentials;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * What a Host download carries to be let in: a fresh gateway credential and where the tunnel
 * is, as JSON. The download page builds each Host from it; it is never cached, and (having no
 * CORS headers) a page of another site cannot read it. One address gets so many an hour
 * ({@code deskside.host.credentials-per-hour}), then 429 with {@code Retry-After}.
 *
 * <pre>{"credential":"h1.3.1767225600.…","expires":"2026-12-25T09:00:00Z","tunnel":"wss://help.example.com/tunnel"}</pre>
 */
@WebServlet(urlPatterns = HostCredentialServlet.PATH)
public class HostCredentialServlet extends HttpServlet {

    public static final String PATH = "/host/credential";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HostCredentialServlet.class.getName());

    @EJB
    transient HostCredentials credentials;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HostCredentials.Credential c;
        try {
            c = credentials.issue(PeerOrigins.of(request).address());
        } catch (TooManyAttempts e) {
            LOG.warning(() -> "Refused a Host credential: " + e.getMessage());
            response.setHeader("Retry-After", Long.toString(e.retryAfter().toSeconds()));
            ProblemWriter.write(response, e.status(), e.getMessage(), PATH);
            return;
        }
        boolean secure = PeerOrigins.secure(request);
        String tunnel = (secure ? "wss" : "ws") + "://" + authority(request, secure) + request.getContextPath() + HostTunnelEndpoint.PATH;
        byte[] body = ("{\"credential\":\"" + c.text() + "\",\"expires\":\"" + c.expires() + "\",\"tunnel\":\"" + tunnel + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The host and port the Host reached this page at: letters, digits and the few characters a host name may hold. */
    private static String authority(HttpServletRequest request, boolean secure) {
        String host = request.getServerName();
        if (!host.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
            host = "localhost";
        }
        int port = request.getServerPort();
        boolean standard = (secure && port == 443) || (!secure && port == 80) || secure != request.isSecure();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return standard ? host : host + ":" + port;
    }
}
