package io.deskside.persistence.ticket;

public enum TicketState {
    /** Issued and not yet used: its routing group is reserved. */
    ISSUED,
    /** An end user's Host presented it; it cannot be used again. */
    USED,
    /** Its time ran out before anyone used it. */
    EXPIRED,
    /** The technician withdrew it. */
    REVOKED,
    /** A key exchange with it failed: someone held the routing group but not the secret. */
    BURNED;

    public boolean isLive() {
        return this == ISSUED;
    }
}
