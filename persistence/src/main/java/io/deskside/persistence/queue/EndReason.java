package io.deskside.persistence.queue;

/** Why a help request or session ended, as written into its call record. */
public enum EndReason {
    /** The end user closed the session from the Host. */
    HOST_ENDED,
    /** The end user pressed the emergency disconnect hotkey. */
    HOTKEY,
    /** The technician closed the session. */
    GUEST_ENDED,
    /** The end user declined access. */
    DENIED,
    /** The end user gave up while waiting. */
    ABANDONED,
    /** Nobody took the request in time. */
    EXPIRED,
    /** A side dropped and did not come back within the grace period. */
    LOST,
    /** The end-to-end key exchange failed: the wrong ticket secret, or tampering. */
    KEY_EXCHANGE_FAILED,
    /** The technician's account was switched off, or lost the technician role, during the session. */
    REVOKED,
    /**
     * The request waited with a ticket that can no longer be used: a key exchange with it
     * succeeded for another request, or it was revoked or burned.
     */
    TICKET_CLOSED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
