package io.deskside.gateway.security.http;

import io.deskside.gateway.error.TooManyAttempts;
import io.deskside.gateway.security.Actor;
import io.deskside.gateway.security.Authenticator;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Jakarta Security's view of the help desk's accounts: checked by the gateway. A source that has
 * failed too often is refused without a check; the wait is left on the request for
 * {@link BasicAuthentication} to answer with 429 rather than 401.
 */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

    @EJB
    Authenticator authenticator;

    @Inject
    HttpServletRequest request;

    @EJB
    io.deskside.gateway.tunnel.Tunnels tunnels;

    /** The request attribute that holds the {@link TooManyAttempts} that refused a sign-in. */
    static final String REFUSED = DatabaseIdentityStore.class.getName() + ".refused";

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<Actor> actor;
        try {
            actor = authenticator.authenticate(credential.getCaller(), credential.getPassword().getValue(),
                    tunnels.origin(request).address());
        } catch (TooManyAttempts e) {
            request.setAttribute(REFUSED, e);
            return CredentialValidationResult.INVALID_RESULT;
        }
        return actor.map(a -> new CredentialValidationResult(a.login(),
                        a.roles().stream().map(Enum::name).collect(Collectors.toSet())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
