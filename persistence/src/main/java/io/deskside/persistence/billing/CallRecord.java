package io.deskside.persistence.billing;

import io.deskside.persistence.queue.EndReason;
import io.deskside.persistence.queue.RequestState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The billing record of one help request, keyed by the request's id. It opens when the end
 * user asks for help, takes the technician's name when one claims the request, starts the
 * billable time when the end user confirms access, and closes with the outcome, the reason
 * and the billable seconds when the request ends. Names are copied in, so an invoice reads the
 * same after a technician or a service is renamed. A closed record never changes again.
 */
@Entity
@Table(name = "call_record")
public class CallRecord {

    @Id
    @Column(name = "request_id")
    private Long requestId;

    @Column(name = "service_name", length = 64)
    private String serviceName;

    @Column(name = "ticket_id")
    private Long ticketId;

    @Column(name = "ticket_routing", length = 6)
    private String ticketRouting;

    @Column(name = "technician_login", length = 64)
    private String technicianLogin;

    @Column(name = "technician_name", length = 128)
    private String technicianName;

    @Column(name = "customer_name", nullable = false, length = 128)
    private String customerName;

    @Column(name = "source_address", length = 64)
    private String sourceAddress;

    @Column(name = "asked_at", nullable = false)
    private Instant askedAt;

    @Column(name = "claimed_at")
    private Instant claimedAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private RequestState outcome;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason", length = 32)
    private EndReason endReason;

    @Column(name = "billable_seconds", nullable = false)
    private long billableSeconds;

    @Column(name = "bytes_to_host", nullable = false)
    private long bytesToHost;

    @Column(name = "bytes_to_guest", nullable = false)
    private long bytesToGuest;

    @Version
    private long version;

    protected CallRecord() {
    }

    public CallRecord(long requestId, String serviceName, Long ticketId, String ticketRouting,
            String customerName, String sourceAddress, Instant askedAt) {
        this.requestId = requestId;
        this.serviceName = serviceName;
        this.ticketId = ticketId;
        this.ticketRouting = ticketRouting;
        this.customerName = Objects.requireNonNull(customerName);
        this.sourceAddress = sourceAddress;
        this.askedAt = Objects.requireNonNull(askedAt);
    }

    /**
     * Billable time runs from the end user's confirmation to the end, in whole seconds rounded
     * up: a session that was granted access bills at least one second.
     */
    public static long billableSeconds(Instant confirmedAt, Instant endedAt) {
        if (confirmedAt == null || endedAt == null || endedAt.isBefore(confirmedAt)) {
            return 0;
        }
        Duration d = Duration.between(confirmedAt, endedAt);
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    public void claimed(String login, String name, Instant at) {
        ensureOpen();
        this.technicianLogin = login;
        this.technicianName = name;
        this.claimedAt = at;
    }

    public void confirmed(Instant at) {
        ensureOpen();
        this.confirmedAt = at;
    }

    public void addTraffic(long toHost, long toGuest) {
        ensureOpen();
        if (toHost < 0 || toGuest < 0) {
            throw new IllegalArgumentException("traffic is counted up, never down");
        }
        this.bytesToHost += toHost;
        this.bytesToGuest += toGuest;
    }

    public void close(RequestState finalState, EndReason reason, Instant at) {
        ensureOpen();
        if (!finalState.isFinal()) {
            throw new IllegalArgumentException("a call record closes with a final state");
        }
        this.outcome = finalState;
        this.endReason = reason;
        this.endedAt = at;
        this.billableSeconds = billableSeconds(confirmedAt, at);
    }

    public boolean isOpen() {
        return outcome == null;
    }

    private void ensureOpen() {
        if (!isOpen()) {
            throw new IllegalStateException("call record " + requestId + " is closed");
        }
    }

    public Long requestId() {
        return requestId;
    }

    public String serviceName() {
        return serviceName;
    }

    public Long ticketId() {
        return ticketId;
    }

    public String ticketRouting() {
        return ticketRouting;
    }

    public String technicianLogin() {
        return technicianLogin;
    }

    public String technicianName() {
        return technicianName;
    }

    public String customerName() {
        return customerName;
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    public Instant askedAt() {
        return askedAt;
    }

    public Instant claimedAt() {
        return claimedAt;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public RequestState outcome() {
        return outcome;
    }

    public EndReason endReason() {
        return endReason;
    }

    public long billableSeconds() {
        return billableSeconds;
    }

    public long bytesToHost() {
        return bytesToHost;
    }

    public long bytesToGuest() {
        return bytesToGuest;
    }
}
