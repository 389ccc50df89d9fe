package io.deskside.persistence.service;

import io.deskside.persistence.technician.Technician;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A help service: a name an end user can ask for help under ("Online banking", "Printers")
 * instead of a ticket. Its requests enter a common queue seen by every technician who serves
 * it. A service that is switched off takes no new requests; it is kept for the call records.
 */
@Entity
@Table(name = "help_service")
public class HelpService {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String name;

    @Column(length = 500)
    private String description;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ManyToMany
    @JoinTable(name = "help_service_technician",
            joinColumns = @JoinColumn(name = "service_id"),
            inverseJoinColumns = @JoinColumn(name = "technician_id"))
    private Set<Technician> technicians = new HashSet<>();

    @Version
    private long version;

    protected HelpService() {
    }

    public HelpService(String name, String description, Instant createdAt) {
        this.name = Objects.requireNonNull(name);
        this.description = description;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.active = true;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public boolean active() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Set<Technician> technicians() {
        return Collections.unmodifiableSet(technicians);
    }

    public boolean isServedBy(long technicianId) {
        return technicians.stream().anyMatch(t -> t.id() == technicianId);
    }

    public void describe(String newName, String newDescription) {
        this.name = Objects.requireNonNull(newName);
        this.description = newDescription;
    }

    public void activate(boolean newActive) {
        this.active = newActive;
    }

    public void staff(Set<Technician> newTechnicians) {
        technicians.clear();
        technicians.addAll(newTechnicians);
    }
}
