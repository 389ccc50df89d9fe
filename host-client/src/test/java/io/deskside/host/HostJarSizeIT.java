package io.deskside.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Host the end user downloads stays under 256 KB, crypto and all: the seed product's was
 * 650 KB, UltraVNC SC's is 175 KB. When it grows past, the message names the largest classes by
 * their names before shrinking, so whoever made it grow sees where.
 */
class HostJarSizeIT {

    static final long BUDGET_BYTES = 256 * 1024;

    @Test
    void theHostJarStaysUnder256Kilobytes() throws IOException {
        Path jar = Path.of(System.getProperty("deskside.host.jar", "target/none.jar"));
        assertTrue(Files.isRegularFile(jar), "no Host jar at " + jar + ": run from Maven (failsafe, after package)");
        long size = Files.size(jar);
        assertTrue(size < BUDGET_BYTES, "the Host jar is " + size + " bytes, over the budget of " + BUDGET_BYTES + "; the largest classes:\n"
                + largest(jar, 15));
    }

    /** The largest entries, by compressed size, named as they were before ProGuard renamed them. */
    private static String largest(Path jar, int n) throws IOException {
        Map<String, String> original = originalNames(Path.of(System.getProperty("deskside.host.map", "target/host.map")));
        List<JarEntry> entries = new ArrayList<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            f.stream().forEach(entries::add);
        }
        return entries.stream().sorted(Comparator.comparingLong(JarEntry::getCompressedSize).reversed()).limit(n)
                .map(e -> "  " + e.getCompressedSize() + "  " + original.getOrDefault(e.getName(), e.getName()))
                .collect(Collectors.joining("\n"));
    }

    /** ProGuard's mapping: "original.Name -> a:" lines, turned into entry names. */
    private static Map<String, String> originalNames(Path map) throws IOException {
        Map<String, String> names = new HashMap<>();
        if (!Files.isRegularFile(map)) {
            return names;
        }
        for (String line : Files.readAllLines(map)) {
            if (!line.startsWith(" ") && line.endsWith(":") && line.contains(" -> ")) {
                String[] parts = line.substring(0, line.length() - 1).split(" -> ");
                names.put(parts[1].replace('.', '/') + ".class", parts[0]);
            }
        }
        return names;
    }
}
