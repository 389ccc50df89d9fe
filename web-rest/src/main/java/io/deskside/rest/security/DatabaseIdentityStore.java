package io.deskside.rest.security;

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

/** Jakarta Security's view of the help desk's accounts: checked by the gateway. */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

    @EJB
    Authenticator authenticator;

    @Inject
    HttpServletRequest request;

    @EJB
    io.deskside.gateway.tunnel.Tunnels tunnels;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<Actor> actor = authenticator.authenticate(credential.getCaller(), credential.getPassword().getValue(),
                tunnels.origin(request).address());
        return actor.map(a -> new CredentialValidationResult(a.login(),
                        a.roles().stream().map(Enum::name).collect(Collectors.toSet())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
