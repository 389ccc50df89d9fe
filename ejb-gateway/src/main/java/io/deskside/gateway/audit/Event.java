package io.deskside.gateway.audit;

import io.deskside.persistence.audit.EventType;
import java.util.Objects;

/**
 * An event about to be logged. The actor is a login, {@code host}, {@code system}, or
 * {@link #UNKNOWN_LOGIN} for a sign-in to no account (what was typed is not kept).
 */
public record Event(EventType type, String actor, Long requestId, Long ticketId, String source, String detail) {

    public static final String SYSTEM = "system";
    public static final String HOST = "host";
    public static final String UNKNOWN_LOGIN = "(unknown login)";

    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
    }

    public static Event of(EventType type, String actor) {
        return new Event(type, actor, null, null, null, null);
    }

    public Event request(Long id) {
        return new Event(type, actor, id, ticketId, source, detail);
    }

    public Event ticket(Long id) {
        return new Event(type, actor, requestId, id, source, detail);
    }

    public Event from(String sourceAddress) {
        return new Event(type, actor, requestId, ticketId, sourceAddress, detail);
    }

    public Event detail(String text) {
        return new Event(type, actor, requestId, ticketId, source, text);
    }
}
