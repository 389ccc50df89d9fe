package io.deskside.host.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.config.HostConfig;
import io.deskside.host.config.HostConfigReader;
import io.deskside.protocol.wire.Message.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the jar builder makes of a shipped Host jar: the same entries, and the one config. */
class HostJarBuilderTest {

    @TempDir
    Path dir;

    static final HostConfig CONFIG = HostConfig.ticket(URI.create("wss://help.example.com/tunnel"), List.of(new byte[32]), "h1.test")
            .withAllow(Set.of(Permission.VIEW, Permission.ANNOTATE, Permission.CHAT));

    /** A small stand-in for the shipped jar: a manifest, a directory, classes with their own times, perhaps an old config. */
    private Path hostJar(boolean withOldConfig) throws IOException {
        Path jar = dir.resolve(withOldConfig ? "old-config.jar" : "host.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.deskside.host.HostMain");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            add(out, "io/", null);
            add(out, "io/deskside/host/HostMain.class", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3});
            if (withOldConfig) {
                add(out, "host-config.xml", "<old/>".getBytes(StandardCharsets.UTF_8));
            }
            add(out, "io/deskside/host/ui/logo.png", new byte[5000]);
        }
        return jar;
    }

    private static void add(ZipOutputStream out, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(FileTime.fromMillis(System.currentTimeMillis() - (long) (Math.random() * 1e9)));
        out.putNextEntry(e);
        if (data != null) {
            out.write(data);
        }
        out.closeEntry();
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                names.add(e.getName());
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        assertEquals(names.size(), entries.size(), "no entry twice: " + names);
        return entries;
    }

    @Test
    void theOutputHasEveryEntryOfTheInputAndOneConfig() throws Exception {
        Path in = hostJar(false);
        Path out = dir.resolve("deskside-host.jar");
        HostJarBuilder.build(in, CONFIG, out);

        Map<String, byte[]> before = entries(in);
        Map<String, byte[]> after = entries(out);
        assertEquals(before.size() + 1, after.size());
        before.forEach((name, data) -> assertArrayEquals(data, after.get(name), name));
        try (InputStream xml = new java.io.ByteArrayInputStream(after.get("host-config.xml"))) {
            assertEquals(CONFIG, HostConfigReader.read(xml));
        }
        try (JarInputStream jar = new JarInputStream(Files.newInputStream(out))) {
            assertEquals("io.deskside.host.HostMain", jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS),
                    "the manifest is still where java -jar finds it");
        }
    }

    @Test
    void twoBuildsAreByteForByteTheSame() throws Exception {
        Path in = hostJar(false);
        Path first = dir.resolve("first.jar");
        Path second = dir.resolve("second.jar");
        HostJarBuilder.build(in, CONFIG, first);
        Thread.sleep(2100); // past a DOS time's two-second step
        HostJarBuilder.build(in, CONFIG, second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void anExistingConfigIsReplaced() throws Exception {
        Path out = dir.resolve("deskside-host.jar");
        HostJarBuilder.build(hostJar(true), CONFIG, out);
        Map<String, byte[]> after = entries(out);
        assertEquals(CONFIG.toXml(), new String(after.get("host-config.xml"), StandardCharsets.UTF_8));
        assertEquals(entries(hostJar(false)).size() + 1, after.size());
    }

    @Test
    void anExistingOutputIsReplacedAndNoTemporaryFileStays() throws Exception {
        Path out = dir.resolve("deskside-host.jar");
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write("an older download".getBytes(StandardCharsets.UTF_8));
        }
        HostJarBuilder.build(hostJar(false), CONFIG, out);
        assertTrue(entries(out).containsKey("host-config.xml"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("deskside-host.jar", "host.jar"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void theCommandLineBuildsTheSameJarAsTheApi() throws Exception {
        Path in = hostJar(false);
        Path viaApi = dir.resolve("api.jar");
        Path viaMain = dir.resolve("main.jar");
        HostJarBuilder.build(in, CONFIG, viaApi);
        HostJarBuilder.Arguments a = HostJarBuilder.Arguments.parse(new String[] {"--jar", in.toString(), "--tunnel",
                "wss://help.example.com/tunnel", "--pin", "sha256/" + Base64.getEncoder().encodeToString(new byte[32]), "--credential",
                "h1.test", "--allow", "view annotate chat", "--out", viaMain.toString()});
        assertEquals(CONFIG, a.config());
        HostJarBuilder.build(a.jar(), a.config(), a.out());
        assertArrayEquals(Files.readAllBytes(viaApi), Files.readAllBytes(viaMain));
    }
}
