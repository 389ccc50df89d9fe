package io.deskside.persistence.ticket;

public enum TicketState {
    /** Issued and not yet used: its routing group is reserved, and Hosts may wait with it. */
    ISSUED,
    /** A key exchange with it succeeded: the end user's Host proved its secret. It cannot be used again. */
    USED,
    /** Its time ran out before anyone used it. */
    EXPIRED,
    /** The technician withdrew it. */
    REVOKED,
    /** Key exchanges with it failed, as many as a ticket takes: someone held the routing group but not the secret. */
    BURNED;

    public boolean isLive() {
        return this == ISSUED;
    }
}
