package io.deskside.gateway.security;

import io.deskside.persistence.technician.Role;
import java.util.Objects;
import java.util.Set;

/** The signed-in help-desk account on whose behalf the gateway acts. */
public record Actor(long id, String login, String displayName, Set<Role> roles) {

    public Actor {
        Objects.requireNonNull(login);
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Supervisors and administrators see every queue. */
    public boolean seesEverything() {
        return has(Role.supervisor) || has(Role.admin);
    }
}
