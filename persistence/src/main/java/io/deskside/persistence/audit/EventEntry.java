package io.deskside.persistence.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the event log: who did what, when, to which help request or ticket. Entries are
 * only ever added. Each carries its place in the chain ({@code seq}), the hash of the entry
 * before it and its own hash over both, so a changed, removed or inserted entry shows. The hash
 * is an HMAC-SHA-256 with the event-log key, which lives in a file outside the database, so
 * someone who can only write the database cannot make a changed entry check again; entries
 * written before the log had a key carry a plain SHA-256 instead.
 */
@Entity
@Table(name = "event_log")
public class EventEntry {

    public static final int MAX_DETAIL = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private long seq;

    @Column(nullable = false)
    private Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private EventType type;

    @Column(nullable = false, length = 128)
    private String actor;

    @Column(name = "request_id")
    private Long requestId;

    @Column(name = "ticket_id")
    private Long ticketId;

    @Column(name = "source_address", length = 64)
    private String sourceAddress;

    @Column(length = MAX_DETAIL)
    private String detail;

    @Column(name = "prev_hash", nullable = false, length = 64)
    private String prevHash;

    @Column(nullable = false, length = 64)
    private String hash;

    protected EventEntry() {
    }

    public EventEntry(long seq, Instant at, EventType type, String actor, Long requestId, Long ticketId,
            String sourceAddress, String detail, String prevHash, String hash) {
        this.seq = seq;
        this.at = Objects.requireNonNull(at);
        this.type = Objects.requireNonNull(type);
        this.actor = Objects.requireNonNull(actor);
        this.requestId = requestId;
        this.ticketId = ticketId;
        this.sourceAddress = sourceAddress;
        this.detail = detail;
        this.prevHash = Objects.requireNonNull(prevHash);
        this.hash = Objects.requireNonNull(hash);
    }

    public Long id() {
        return id;
    }

    public long seq() {
        return seq;
    }

    public Instant at() {
        return at;
    }

    public EventType type() {
        return type;
    }

    public String actor() {
        return actor;
    }

    public Long requestId() {
        return requestId;
    }

    public Long ticketId() {
        return ticketId;
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    public String detail() {
        return detail;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
