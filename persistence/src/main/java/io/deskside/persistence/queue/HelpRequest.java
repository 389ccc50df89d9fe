package io.deskside.persistence.queue;

import io.deskside.persistence.service.HelpService;
import io.deskside.persistence.technician.Technician;
import io.deskside.persistence.ticket.Ticket;
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
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An end user's call for help. The Host sends it with a ticket, which puts it into the private
 * queue of the technician who issued the ticket, or with a help service name, which puts it
 * into that service's common queue. It {@code WAITING}s there until one technician claims it
 * ({@code CLAIMED}; it leaves every queue), the Host asks the end user to confirm access
 * ({@code CONFIRMING}), and the session runs ({@code CONNECTED}) until either side ends it
 * ({@code ENDED}). It can also end as {@code DENIED} by the end user, {@code ABANDONED} when the
 * end user gives up before the session starts, or {@code EXPIRED} when nobody takes it in time.
 * Its call record follows it step by step.
 */
@Entity
@Table(name = "help_request")
public class HelpRequest {

    public static final int MAX_CUSTOMER_NAME = 128;
    public static final int MAX_MESSAGE = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RequestState state;

    @Column(name = "customer_name", nullable = false, length = MAX_CUSTOMER_NAME)
    private String customerName;

    @Column(length = MAX_MESSAGE)
    private String message;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "ticket_id")
    private Ticket ticket;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "service_id")
    private HelpService service;

    /** For a ticket request, the technician whose private queue it is in. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id")
    private Technician owner;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "claimed_by")
    private Technician claimedBy;

    @Column(name = "source_address", length = 64)
    private String sourceAddress;

    /** The gateway node whose memory holds the Host's tunnel: only its restart orphans the request. */
    @Column(name = "gateway_node", length = 64)
    private String gatewayNode;

    @Column(name = "asked_at", nullable = false)
    private Instant askedAt;

    @Column(name = "claimed_at")
    private Instant claimedAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "connected_at")
    private Instant connectedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason", length = 32)
    private EndReason endReason;

    @Version
    private long version;

    protected HelpRequest() {
    }

    private HelpRequest(String customerName, String message, String sourceAddress, Instant askedAt) {
        this.customerName = Objects.requireNonNull(customerName);
        this.message = message;
        this.sourceAddress = sourceAddress;
        this.askedAt = Objects.requireNonNull(askedAt);
        this.state = RequestState.WAITING;
    }

    public static HelpRequest forTicket(Ticket ticket, String customerName, String message,
            String sourceAddress, Instant askedAt) {
        HelpRequest request = new HelpRequest(customerName, message, sourceAddress, askedAt);
        request.ticket = Objects.requireNonNull(ticket);
        request.owner = ticket.issuedBy();
        return request;
    }

    public static HelpRequest forService(HelpService service, String customerName, String message,
            String sourceAddress, Instant askedAt) {
        HelpRequest request = new HelpRequest(customerName, message, sourceAddress, askedAt);
        request.service = Objects.requireNonNull(service);
        return request;
    }

    public Long id() {
        return id;
    }

    /** Records which gateway node holds the Host's tunnel. */
    public HelpRequest on(String node) {
        this.gatewayNode = node;
        return this;
    }

    public String gatewayNode() {
        return gatewayNode;
    }

    public RequestState state() {
        return state;
    }

    public String customerName() {
        return customerName;
    }

    public String message() {
        return message;
    }

    public Ticket ticket() {
        return ticket;
    }

    public HelpService service() {
        return service;
    }

    public Technician owner() {
        return owner;
    }

    public Technician claimedBy() {
        return claimedBy;
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

    public Instant connectedAt() {
        return connectedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public EndReason endReason() {
        return endReason;
    }

    /** The Host is showing the end user the confirm-access dialog. */
    public void askConfirmation() {
        move(EnumSet.of(RequestState.CLAIMED), RequestState.CONFIRMING);
    }

    /** The end user allowed access; billing starts here. */
    public void confirm(Instant now) {
        move(EnumSet.of(RequestState.CLAIMED, RequestState.CONFIRMING), RequestState.CONNECTED);
        this.confirmedAt = now;
        this.connectedAt = now;
    }

    public void deny(Instant now) {
        move(EnumSet.of(RequestState.CLAIMED, RequestState.CONFIRMING), RequestState.DENIED);
        finish(EndReason.DENIED, now);
    }

    /**
     * Ends the request for the given reason, in whatever live state it is. A connected session
     * ends as {@code ENDED}; one that never connected as {@code ABANDONED}, or {@code EXPIRED}
     * when nobody took it in time.
     */
    public void end(EndReason reason, Instant now) {
        if (state.isFinal()) {
            throw new IllegalStateException("help request " + id + " has already ended (" + state + ")");
        }
        RequestState next;
        if (state == RequestState.CONNECTED) {
            next = RequestState.ENDED;
        } else if (reason == EndReason.EXPIRED) {
            next = RequestState.EXPIRED;
        } else if (reason == EndReason.DENIED) {
            next = RequestState.DENIED;
        } else {
            next = RequestState.ABANDONED;
        }
        this.state = next;
        finish(reason, now);
    }

    private void finish(EndReason reason, Instant now) {
        this.endReason = reason;
        this.endedAt = now;
    }

    private void move(Set<RequestState> from, RequestState to) {
        if (!from.contains(state)) {
            throw new IllegalStateException("help request " + id + " is " + state + ", not " + from);
        }
        this.state = to;
    }
}
