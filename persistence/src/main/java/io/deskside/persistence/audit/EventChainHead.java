package io.deskside.persistence.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The end of the event chain: the sequence number and hash of the newest entry. There is one
 * row; every append locks it until its transaction commits, so appends form one chain even
 * when many transactions, or many cluster nodes, log at once. The row is in the database like
 * the entries, so on its own it proves nothing against someone who can write both: the chain is
 * anchored outside the database by the event-log key and by checkpoints of this head written to
 * a file and the server log.
 */
@Entity
@Table(name = "event_chain_head")
public class EventChainHead {

    public static final int ID = 1;

    @Id
    private Integer id;

    @Column(nullable = false)
    private long seq;

    @Column(nullable = false, length = 64)
    private String hash;

    protected EventChainHead() {
    }

    public long seq() {
        return seq;
    }

    public String hash() {
        return hash;
    }

    public void advance(long newSeq, String newHash) {
        this.seq = newSeq;
        this.hash = newHash;
    }
}
