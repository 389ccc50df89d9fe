package io.deskside.persistence.ticket;

import io.deskside.persistence.technician.Technician;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A one-time service ticket, as the gateway knows it. A technician issues it and reads it to
 * the end user over the phone ({@code 123-456-789}); the gateway keeps only the routing group
 * ({@code 123}), which sends the end user's help request to that technician's private queue.
 * The six secret digits never reach this table.
 *
 * <p>A routing group alone proves nothing (a thousand groups are quickly guessed), so it only
 * attaches a Host's request to the ticket: several may wait with one ticket, and the technician
 * sees them all. The ticket is used up when a key exchange with it succeeds (the technician's
 * Guest, having seen the Host prove the six digits, says so); each key exchange that fails with
 * it counts a failed try, and the last of {@value #MAX_FAILED_TRIES} burns it. Otherwise it is live
 * until it expires (ten minutes by default) or is revoked; after that its routing group is free
 * for another ticket, while this row stays for the records.
 */
@Entity
@Table(name = "ticket")
public class Ticket {

    /** Failed key exchanges a ticket takes: the last one burns it. */
    public static final int MAX_FAILED_TRIES = 3;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 6)
    private String routing;

    @Column(name = "live_routing", unique = true, length = 6)
    private String liveRouting;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "issued_by")
    private Technician issuedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TicketState state;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "failed_tries", nullable = false)
    private int failedTries;

    @Version
    private long version;

    protected Ticket() {
    }

    public Ticket(String routing, Technician issuedBy, Instant issuedAt, Instant expiresAt) {
        this.routing = Objects.requireNonNull(routing);
        this.liveRouting = routing;
        this.issuedBy = Objects.requireNonNull(issuedBy);
        this.issuedAt = Objects.requireNonNull(issuedAt);
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.state = TicketState.ISSUED;
    }

    public Long id() {
        return id;
    }

    public String routing() {
        return routing;
    }

    public Technician issuedBy() {
        return issuedBy;
    }

    public TicketState state() {
        return state;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    /** Key exchanges that failed with this ticket: a wrong secret, or tampering. */
    public int failedTries() {
        return failedTries;
    }

    /**
     * Counts a failed key exchange; true when it was the last a live ticket takes and burned it.
     * A ticket that has ended (used, expired, revoked) only counts it: its state stays what it was.
     */
    public boolean failedTry(Instant now) {
        failedTries++;
        if (failedTries >= MAX_FAILED_TRIES && state.isLive()) {
            close(TicketState.BURNED, now);
            return true;
        }
        return false;
    }

    public boolean isUsableAt(Instant now) {
        return state.isLive() && now.isBefore(expiresAt);
    }

    /** Ends the ticket's life: it cannot be used again and its routing group is free. */
    public void close(TicketState finalState, Instant now) {
        if (finalState.isLive()) {
            throw new IllegalArgumentException("a ticket closes into a final state");
        }
        if (!state.isLive() && finalState != TicketState.BURNED) {
            throw new IllegalStateException("ticket " + id + " is " + state + " already");
        }
        this.state = finalState;
        this.liveRouting = null;
        this.closedAt = now;
    }
}
