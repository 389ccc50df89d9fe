package io.deskside.download.tunnel;

import io.deskside.edge.http.PeerOrigins;
import io.deskside.edge.http.ProblemWriter;
import io.deskside.edge.port.SignInCredential;
import io.deskside.edge.security.HostCredentialGate;
import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.error.TooManyAttempts;
import io.deskside.gateway.host.HostCredentials;
import io.deskside.gateway.security.LoginThrottle;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What a Host download carries to be let in: a fresh gateway credential and where the tunnel
 * is, as JSON. The download page builds each Host from it; it is never cached, and (having no
 * CORS headers) a page of another site cannot read it. One address gets so many an hour
 * ({@code deskside.host.credentials-per-hour}), then 429 with {@code Retry-After}.
 *
 * <pre>{"credential":"h1.3.1767225600.…","expires":"2026-12-25T09:00:00Z","tunnel":"wss://help.example.com/tunnel"}</pre>
 *
 * <p>With {@code deskside.host.credential-sign-in=required} only a signed-in technician gets one
 * (HTTP Basic, the API's sign-in and lock-out; {@link HostCredentialGate} decides): 401 with a
 * {@code Basic} challenge asks for an account, and a Host without a credential of its own then
 * asks its user for one.
 */
@WebServlet(urlPatterns = HostCredentialServlet.PATH)
@DeclareRoles(HostCredentialGate.ROLE)
public class HostCredentialServlet extends HttpServlet {

    public static final String PATH = "/host/credential";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HostCredentialServlet.class.getName());

    @EJB
    transient HostCredentials credentials;

    @Inject
    transient GatewaySettings settings;

    @Inject
    transient LoginThrottle throttle;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String source = PeerOrigins.of(request).address();
        boolean signedIn = request.getUserPrincipal() != null;
        HostCredentialGate.Verdict verdict = HostCredentialGate.decide(
                settings.hostCredentialSignIn() == GatewaySettings.HostCredentialSignIn.REQUIRED, signedIn,
                signedIn && request.isUserInRole(HostCredentialGate.ROLE), request.getHeader("Authorization"),
                login -> lockOut(login, source));
        if (!verdict.issues()) {
            LOG.warning(() -> "Refused a Host credential (" + verdict.status() + "): " + verdict.detail());
            if (verdict.challenge() != null) {
                response.setHeader("WWW-Authenticate", verdict.challenge());
            }
            if (verdict.retryAfter() != null) {
                response.setHeader("Retry-After", Long.toString(verdict.retryAfter().toSeconds()));
            }
            ProblemWriter.write(response, verdict.status(), verdict.detail(), PATH);
            return;
        }
        HostCredentials.Credential c;
        try {
            c = credentials.issue(source);
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

    /** The sign-in lock-out's refusal of this login from this address (it only looks; the failure was counted at sign-in). */
    private Optional<SignInCredential.Refusal> lockOut(String login, String source) {
        try {
            throttle.refuseIfWaiting(login, source, Instant.now());
            return Optional.empty();
        } catch (TooManyAttempts e) {
            return Optional.of(new SignInCredential.Refusal(e.getMessage(), e.retryAfter()));
        }
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
