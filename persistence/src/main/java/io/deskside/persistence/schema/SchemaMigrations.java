package io.deskside.persistence.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Brings a database to the current schema with Flyway. The migrations are listed here rather
 * than found by scanning the class path, because application servers hand out class-path
 * URLs (JBoss VFS, nested jars) that scanners do not all understand; a test checks that this
 * list and the files in {@code db/migration} agree.
 */
public final class SchemaMigrations {

    static final String LOCATION = "db/migration";

    /** Every migration, oldest first. Add new ones at the end; never edit a released one. */
    static final List<String> SCRIPTS = List.of(
            "V1__help_desk.sql",
            "V2__host_keys.sql",
            "V3__request_node.sql",
            "V4__ticket_tries.sql");

    private SchemaMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .resourceProvider(new ListedResources())
                .javaMigrationClassProvider(List::of)
                .cleanDisabled(true)
                .load()
                .migrate();
    }

    private static final class ListedResources implements ResourceProvider {

        @Override
        public LoadableResource getResource(String name) {
            return SCRIPTS.contains(name) ? new ClasspathScript(name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return SCRIPTS.stream()
                    .filter(name -> name.startsWith(prefix))
                    .filter(name -> Arrays.stream(suffixes).anyMatch(name::endsWith))
                    .<LoadableResource>map(ClasspathScript::new)
                    .toList();
        }
    }

    private static final class ClasspathScript extends LoadableResource {

        private final String name;

        ClasspathScript(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            String path = LOCATION + "/" + name;
            try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("schema migration " + path + " is missing from the class path");
                }
                return new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema migration " + path, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
