package io.deskside.persistence.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    @Test
    void everyMigrationFileIsListedInOrder() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getClassLoader().getResource(SchemaMigrations.LOCATION).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            var onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted(
                    (a, b) -> Integer.compare(version(a), version(b))).toList();
            assertEquals(onDisk, SchemaMigrations.SCRIPTS,
                    "SchemaMigrations.SCRIPTS must list every file in db/migration, oldest first");
        }
    }

    @Test
    void migrationsBuildTheSchemaOnAnEmptyDatabaseAndAreIdempotent() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:migrations;DB_CLOSE_DELAY=-1");
        assertEquals(SchemaMigrations.SCRIPTS.size(), SchemaMigrations.migrate(ds).migrationsExecuted);
        assertEquals(0, SchemaMigrations.migrate(ds).migrationsExecuted, "a second run changes nothing");
        try (Connection c = ds.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT seq, hash FROM event_chain_head")) {
            assertTrue(rs.next(), "the event chain starts with its head row");
            assertEquals(0, rs.getLong(1));
        }
    }

    private static int version(String file) {
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }
}
