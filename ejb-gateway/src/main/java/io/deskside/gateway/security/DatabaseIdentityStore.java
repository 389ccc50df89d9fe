package io.deskside.gateway.security;

import io.deskside.edge.port.SignInCredential;
import io.deskside.gateway.error.TooManyAttempts;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Jakarta Security's view of the help desk's accounts: checked by the gateway. The edge's sign-in
 * mechanism hands over a {@link SignInCredential} that says where it came from; a source that
 * has failed too often is refused without a check, and the wait is left on the credential for
 * the mechanism to answer with 429 rather than 401.
 */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

    @EJB
    Authenticator authenticator;

    /**
     * Every credential the store takes. (The interface's default finds a method by the credential's
     * exact class, which would miss the edge's {@link SignInCredential}.)
     */
    @Override
    public CredentialValidationResult validate(Credential credential) {
        return credential instanceof UsernamePasswordCredential password ? validate(password)
                : CredentialValidationResult.NOT_VALIDATED_RESULT;
    }

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<Actor> actor;
        SignInCredential signIn = credential instanceof SignInCredential s ? s : null;
        try {
            actor = authenticator.authenticate(credential.getCaller(), credential.getPassword().getValue(),
                    signIn == null ? "unknown" : signIn.source());
        } catch (TooManyAttempts e) {
            if (signIn != null) {
                signIn.refuse(e.getMessage(), e.retryAfter());
            }
            return CredentialValidationResult.INVALID_RESULT;
        }
        return actor.map(a -> new CredentialValidationResult(a.login(),
                        a.roles().stream().map(Enum::name).collect(Collectors.toSet())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
