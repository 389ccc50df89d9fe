package io.deskside.rest.json;

import io.deskside.gateway.queue.QueueEntry;
import io.deskside.persistence.audit.EventEntry;
import io.deskside.persistence.billing.CallRecord;
import io.deskside.persistence.service.HelpService;
import io.deskside.persistence.technician.Technician;
import io.deskside.persistence.ticket.Ticket;
import java.time.Instant;
import java.util.List;

/** What the API shows of each thing, as JSON records. Never a password hash or a secret. */
public final class Views {

    private Views() {
    }

    /**
     * A request in a queue. A ticket request also shows the Host's address and the key exchanges
     * that failed with its ticket: several Hosts may wait with one ticket, and the technician who
     * issued it tells the real caller by name and address (the address only there: a service
     * queue is shared by many technicians).
     */
    public record RequestView(long id, String state, String customerName, String message, String service,
            String ticket, String owner, Instant askedAt, String claimedBy, String sourceAddress, Integer ticketFailedTries) {

        public static RequestView of(QueueEntry e) {
            boolean byTicket = e.ticketRouting() != null;
            return new RequestView(e.id(), e.state().name().toLowerCase(), e.customerName(), e.message(),
                    e.serviceName(), e.ticketRouting(), e.ownerLogin(), e.askedAt(), e.claimedBy(),
                    byTicket ? e.sourceAddress() : null, byTicket ? e.ticketFailedTries() : null);
        }
    }

    public record TicketView(long id, String routing, String code, String state, Instant issuedAt, Instant expiresAt,
            String issuedBy, int failedTries) {

        public static TicketView of(Ticket t) {
            return new TicketView(t.id(), t.routing(), null, t.state().name().toLowerCase(), t.issuedAt(),
                    t.expiresAt(), t.issuedBy().login(), t.failedTries());
        }
    }

    public record CallRecordView(long id, String service, String ticket, String technician, String technicianName,
            String customerName, String sourceAddress, Instant askedAt, Instant claimedAt, Instant confirmedAt,
            Instant endedAt, String outcome, String endReason, long billableSeconds, long bytesToHost,
            long bytesToGuest) {

        public static CallRecordView of(CallRecord c) {
            return new CallRecordView(c.requestId(), c.serviceName(), c.ticketRouting(), c.technicianLogin(),
                    c.technicianName(), c.customerName(), c.sourceAddress(), c.askedAt(), c.claimedAt(),
                    c.confirmedAt(), c.endedAt(), c.outcome() == null ? null : c.outcome().name().toLowerCase(),
                    c.endReason() == null ? null : c.endReason().wireName(), c.billableSeconds(), c.bytesToHost(),
                    c.bytesToGuest());
        }
    }

    public record EventView(long seq, Instant at, String type, String actor, Long requestId, Long ticketId,
            String sourceAddress, String detail, String hash) {

        public static EventView of(EventEntry e) {
            return new EventView(e.seq(), e.at(), e.type().name().toLowerCase(), e.actor(), e.requestId(),
                    e.ticketId(), e.sourceAddress(), e.detail(), e.hash());
        }
    }

    public record TechnicianView(long id, String login, String displayName, List<String> roles, boolean active,
            Instant createdAt) {

        public static TechnicianView of(Technician t) {
            return new TechnicianView(t.id(), t.login(), t.displayName(),
                    t.roles().stream().map(Enum::name).sorted().toList(), t.active(), t.createdAt());
        }
    }

    public record ServiceView(long id, String name, String description, boolean active, List<String> technicians) {

        public static ServiceView of(HelpService s) {
            return new ServiceView(s.id(), s.name(), s.description(), s.active(),
                    s.technicians().stream().map(Technician::login).sorted().toList());
        }
    }

    /** One page of a longer list. */
    public record Page<T>(List<T> items, int page, int size, long total) {
    }
}
