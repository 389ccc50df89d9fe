package io.deskside.persistence.audit;

/** What the event log records. */
public enum EventType {
    SERVER_STARTED,
    /** The event log got its key: from the entry named in the detail on, every entry is keyed. */
    AUDIT_KEYED,
    ADMIN_CREATED,
    LOGIN,
    LOGIN_FAILED,
    TICKET_ISSUED,
    TICKET_USED,
    TICKET_EXPIRED,
    TICKET_REVOKED,
    TICKET_BURNED,
    TICKET_REJECTED,
    /** A key exchange with a live ticket failed (an ALERT): a wrong secret, or tampering. */
    TICKET_TRY_FAILED,
    /** Wrong tickets from all addresses together used up the node's budget (an ALERT). */
    GUESSING_THROTTLED,
    SOURCE_LOCKED_OUT,
    REQUEST_ASKED,
    REQUEST_CLAIMED,
    REQUEST_CONFIRMING,
    REQUEST_CONNECTED,
    REQUEST_DENIED,
    REQUEST_ENDED,
    TECHNICIAN_CREATED,
    TECHNICIAN_CHANGED,
    PASSWORD_CHANGED,
    SERVICE_CREATED,
    SERVICE_CHANGED,
    HOST_KEY_ROTATED
}
