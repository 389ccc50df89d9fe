package io.deskside.gateway.health;

import io.deskside.gateway.schema.SchemaMigrator;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Whether the gateway can serve: its schema is current and its database answers. */
@Stateless
public class Health {

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @EJB
    SchemaMigrator schema;

    /** Null when ready, otherwise what is wrong. */
    public String notReadyBecause() {
        if (!schema.migrated()) {
            return "the database schema is not migrated yet";
        }
        try {
            em.createQuery("SELECT h.seq FROM EventChainHead h", Long.class).getResultList();
            return null;
        } catch (RuntimeException e) {
            return "the database does not answer";
        }
    }
}
