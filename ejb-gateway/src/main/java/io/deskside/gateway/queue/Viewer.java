package io.deskside.gateway.queue;

import io.deskside.gateway.security.Actor;
import java.util.Set;

/** A technician looking at the queue, with the services they serve. */
public record Viewer(Actor actor, Set<Long> services) {

    public Viewer {
        services = Set.copyOf(services);
    }
}
