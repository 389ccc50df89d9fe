package io.deskside.rest.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * Turns on HTTP Basic for the API, checked against {@link DatabaseIdentityStore}, so a billing
 * system can call it with {@code curl -u}. Jakarta Security only sees the definition on a CDI
 * bean, hence this otherwise empty one. Production serves the API over HTTPS only (see
 * docs/OPERATIONS.md): Basic credentials must never cross a network in clear text.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "Deskside")
@DeclareRoles({"technician", "supervisor", "billing", "admin"})
public class BasicAuthentication {
}
