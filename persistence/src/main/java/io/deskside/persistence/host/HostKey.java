package io.deskside.persistence.host;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A key that signs Host credentials: 256 random bits, base64url. Live until retired; a retired
 * key signs nothing and vouches for nothing.
 */
@Entity
@Table(name = "host_key")
@NamedQuery(name = HostKey.LIVE, query = "SELECT k FROM HostKey k WHERE k.retiredAt IS NULL ORDER BY k.id")
public class HostKey {

    public static final String LIVE = "HostKey.live";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 64)
    private String secret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    protected HostKey() {
    }

    public HostKey(String secret, Instant createdAt) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public Long id() {
        return id;
    }

    public String secret() {
        return secret;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void retire(Instant at) {
        this.retiredAt = at;
    }
}
