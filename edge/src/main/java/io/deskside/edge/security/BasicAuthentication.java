package io.deskside.edge.security;

import io.deskside.edge.http.PeerOrigins;
import io.deskside.edge.port.SignInCredential;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * HTTP Basic for the API (RFC 7617, UTF-8), checked against the identity stores (the gateway's
 * database store), so a billing system can call it with {@code curl -u}. As
 * Jakarta Security's own Basic mechanism, except that a source refused for failing too often
 * is told so with 429 and {@code Retry-After} rather than a 401 that reads as a wrong password.
 * Production serves the API over HTTPS only (see docs/OPERATIONS.md): Basic credentials must
 * never cross a network in clear text.
 *
 * <p>It lives in the edge, in the EAR's library, rather than in the API's WAR because Jakarta
 * Security installs one mechanism for every web module of the EAR, and each looks it up among
 * its own beans: a bean inside one WAR cannot be reached from the others. The web modules
 * without protected paths (the download pages, the Host's tunnel) meet it only as "nothing to
 * do". The credential it hands the stores carries the caller's address
 * ({@link SignInCredential}), so the stores need no HTTP request.
 */
@ApplicationScoped
@DeclareRoles({"technician", "supervisor", "billing", "admin"})
public class BasicAuthentication implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Basic realm=\"Deskside\"";
    /**
     * Longer Authorization headers are not read: logins are at most 64 characters and passwords
     * 1024, up to four bytes each in UTF-8, which Base64 makes about 7 KB.
     */
    static final int MAX_HEADER = 8192;

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        SignInCredential credential = credential(request.getHeader("Authorization"), PeerOrigins.of(request).address());
        if (credential == null) {
            return context.isProtected() ? challenge(response, context) : context.doNothing();
        }
        CredentialValidationResult result;
        try {
            result = identityStores.validate(credential);
        } finally {
            credential.getPassword().clear();
        }
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            return context.notifyContainerAboutLogin(result);
        }
        if (!context.isProtected()) {
            return context.doNothing(); // a page anyone may read (health, the download, the Host's tunnel) stays readable
        }
        if (credential.refusal().isPresent()) {
            SignInCredential.Refusal refused = credential.refusal().get();
            response.setHeader("Retry-After", Long.toString(refused.retryAfter().toSeconds()));
            try {
                // The API's error page renders it as a problem document (a body written here would
                // be replaced by the container's error dispatch for a failed authentication).
                response.sendError(429, refused.message());
            } catch (IOException e) {
                // The client has gone: nothing to tell it.
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        return challenge(response, context);
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        return context.responseUnauthorized();
    }

    /** The login and password of a well-formed {@code Basic} header; null for anything else. */
    static SignInCredential credential(String header, String source) {
        if (header == null || header.length() > MAX_HEADER || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        char[] text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded));
            text = new char[chars.remaining()];
            chars.get(text);
            Arrays.fill(chars.array(), '\0');
        } catch (CharacterCodingException e) {
            return null;
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
        int colon = -1;
        for (int i = 0; i < text.length && colon < 0; i++) {
            if (text[i] == ':') {
                colon = i;
            }
        }
        if (colon <= 0) {
            Arrays.fill(text, '\0');
            return null;
        }
        String login = new String(text, 0, colon);
        char[] password = Arrays.copyOfRange(text, colon + 1, text.length);
        Arrays.fill(text, '\0');
        return new SignInCredential(login, new Password(password), source);
    }
}
