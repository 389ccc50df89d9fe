package io.deskside.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.boot.Boot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * Nothing in the Host the end user downloads can write behind their back: no class of it names
 * Java's preferences (the registry on Windows, files under the home elsewhere), temporary files,
 * a logging file handler, delete-on-exit lists, or AWT's native file dialog (GTK records the
 * files it opened). Checked on the final, shrunk and packed jar, so a dependency that brings one
 * of them in fails the build, not a footprint test on some end user's machine.
 */
class HostJarFootprintIT {

    static final List<String> FORBIDDEN = List.of("java/util/prefs/", "createTempFile", "createTempDirectory",
            "java/util/logging/FileHandler", "deleteOnExit", "java/awt/FileDialog");

    @Test
    void noClassOfTheHostNamesAnythingThatWritesToDiskBehindTheEndUsersBack() throws IOException {
        Path jar = Path.of(System.getProperty("deskside.host.jar", "target/none.jar"));
        assertTrue(Files.isRegularFile(jar), "no Host jar at " + jar + ": run from Maven (failsafe, after package)");
        Map<String, byte[]> classes;
        try (JarFile f = new JarFile(jar.toFile())) {
            ZipEntry pack = f.getEntry("classes.bin");
            assertTrue(pack != null, "the Host jar has its class pack");
            try (InputStream in = f.getInputStream(pack)) {
                classes = Boot.read(in);
            }
        }
        assertTrue(classes.size() > 100, "the pack holds the Host's classes: " + classes.size());
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            for (String name : forbiddenNames(c.getValue())) {
                found.add(c.getKey() + " names " + name);
            }
        }
        assertEquals(List.of(), found);
    }

    /** The forbidden names a class file mentions: they sit in its constant pool as (modified) UTF-8, ASCII as it is. */
    static List<String> forbiddenNames(byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        return FORBIDDEN.stream().filter(text::contains).toList();
    }

    @Test
    void theCheckFindsThemInAClassThatUsesThem() throws IOException {
        // java.io.File declares createTempFile and deleteOnExit: the check must see both.
        byte[] file;
        try (InputStream in = Object.class.getResourceAsStream("/java/io/File.class")) {
            file = in.readAllBytes();
        }
        assertEquals(List.of("createTempFile", "deleteOnExit"), forbiddenNames(file));
    }
}
