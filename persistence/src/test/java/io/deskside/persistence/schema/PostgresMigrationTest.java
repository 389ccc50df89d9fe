package io.deskside.persistence.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.persistence.support.ThrowawayPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The production database runs the very migrations the embedded one does. */
class PostgresMigrationTest {

    @Test
    void theMigrationsBuildTheSameSchemaOnPostgresql() throws Exception {
        try (ThrowawayPostgres pg = ThrowawayPostgres.start()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(pg.jdbcUrl());
            assertEquals(SchemaMigrations.SCRIPTS.size(), SchemaMigrations.migrate(ds).migrationsExecuted);
            assertEquals(0, SchemaMigrations.migrate(ds).migrationsExecuted, "a second run changes nothing");
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                Set<String> tables = new TreeSet<>();
                try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                assertTrue(tables.containsAll(Set.of("technician", "technician_role", "help_service", "help_service_technician",
                        "ticket", "help_request", "call_record", "event_log", "event_chain_head")), tables.toString());
                st.execute("INSERT INTO technician (login, display_name, password_hash, active, created_at, version)"
                        + " VALUES ('bob', 'Bob', 'x', TRUE, now(), 0)");
                st.execute("INSERT INTO ticket (routing, live_routing, issued_by, state, issued_at, expires_at, version)"
                        + " VALUES ('123', '123', 1, 'ISSUED', now(), now(), 0)");
                assertThrows(SQLException.class, () -> st.execute(
                        "INSERT INTO ticket (routing, live_routing, issued_by, state, issued_at, expires_at, version)"
                                + " VALUES ('123', '123', 1, 'ISSUED', now(), now(), 0)"),
                        "a routing group is unique among live tickets");
                st.execute("INSERT INTO ticket (routing, live_routing, issued_by, state, issued_at, expires_at, version)"
                        + " VALUES ('123', NULL, 1, 'USED', now(), now(), 0)");
            }
        }
    }
}
