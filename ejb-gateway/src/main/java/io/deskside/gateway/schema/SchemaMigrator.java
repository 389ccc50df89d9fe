package io.deskside.gateway.schema;

import io.deskside.persistence.schema.SchemaMigrations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema up to date when the application deploys, before anything else
 * touches it. Flyway runs its own transactions, so this bean runs outside the container's.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrator {

    /** The one datasource the application uses; the server defines it (see docs/OPERATIONS.md). */
    public static final String DATASOURCE = "java:jboss/datasources/DesksideDS";

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    private volatile boolean migrated;

    @PostConstruct
    void migrate() {
        MigrateResult result = SchemaMigrations.migrate(dataSource);
        LOG.info(() -> "Database schema is at version " + (result.targetSchemaVersion != null
                ? result.targetSchemaVersion : result.initialSchemaVersion)
                + " (" + result.migrationsExecuted + " migrations applied now)");
        migrated = true;
    }

    public boolean migrated() {
        return migrated;
    }
}
