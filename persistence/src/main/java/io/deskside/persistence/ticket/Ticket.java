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
 * The six secret digits never reach this table. A ticket is live until it is used once,
 * expires (ten minutes by default), is revoked, or is burned by a failed key exchange; after
 * that its routing group is free for another ticket, while this row stays for the records.
 */
@Entity
@Table(name = "ticket")
public class Ticket {

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
