package io.deskside.host.packaging;

import io.deskside.host.config.HostConfig;
import io.deskside.host.config.HostConfigReader;
import io.deskside.host.config.InvalidConfig;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Makes the Host jar for one gateway: the shipped Host jar (which has no config, and says it is
 * damaged when run) with a {@code host-config.xml} added at its root. The same input and config
 * give the same bytes (entries in the input's order, one fixed timestamp, no extra fields), so a
 * download can be compared and its signature reproduced. The download issue calls {@link #build}
 * and signs the result; {@code scripts/host.sh} runs {@link #main}. Not shipped in the Host.
 */
public final class HostJarBuilder {

    /** The jar entry the Host reads its config from. */
    public static final String CONFIG_ENTRY = "host-config.xml";

    /** Every entry's time (a local DOS time, the same in every time zone). */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private static final String USAGE = """
            usage: HostJarBuilder --jar <deskside-host-*-host.jar> --tunnel <wss://host:port/tunnel> --pin sha256/<base64>... \
            [--credential <h1....>] [--mode ticket|choose|fixed|auto] [--service <name>...] [--allow "view control ..."] --out <jar>""";

    private HostJarBuilder() {
    }

    /** Writes {@code out}: every entry of {@code hostJar} but its old config, then {@code config}'s. */
    public static void build(Path hostJar, HostConfig config, Path out) throws IOException {
        byte[] xml = config.toXml().getBytes(StandardCharsets.UTF_8);
        Path target = out.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (ZipFile in = new ZipFile(hostJar.toFile()); OutputStream file = Files.newOutputStream(temp);
                    ZipOutputStream zip = new ZipOutputStream(file)) {
                Enumeration<? extends ZipEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    if (e.getName().equals(CONFIG_ENTRY)) {
                        continue;
                    }
                    try (InputStream data = in.getInputStream(e)) {
                        put(zip, e.getName(), data.readAllBytes());
                    }
                }
                put(zip, CONFIG_ENTRY, xml);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A fresh entry (no extra fields, comment or times from the input), deflated unless a directory. */
    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** For scripts: see {@link #USAGE}. Exits 2 on a wrong argument, 1 when the jar cannot be written. */
    public static void main(String[] args) {
        try {
            Arguments a = Arguments.parse(args);
            build(a.jar, a.config, a.out);
            System.out.println("Wrote " + a.out);
        } catch (InvalidConfig | IllegalArgumentException e) {
            System.err.println("HostJarBuilder: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("HostJarBuilder: cannot build the jar: " + e);
            System.exit(1);
        }
    }

    /** The command line, checked. */
    record Arguments(Path jar, HostConfig config, Path out) {

        static Arguments parse(String[] args) throws InvalidConfig {
            Path jar = null;
            Path out = null;
            URI tunnel = null;
            String credential = null;
            HostConfig.Mode mode = HostConfig.Mode.TICKET;
            Set<Message.Permission> allow = HostConfig.FULL_ACCESS;
            List<byte[]> pins = new ArrayList<>();
            List<String> services = new ArrayList<>();
            for (int i = 0; i < args.length; i += 2) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[i + 1];
                switch (option) {
                    case "--jar" -> jar = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--tunnel" -> tunnel = uri(value);
                    case "--pin" -> pins.add(HostConfigReader.pin(value));
                    case "--credential" -> credential = value;
                    case "--mode" -> mode = HostConfigReader.mode(value);
                    case "--service" -> services.add(value);
                    case "--allow" -> allow = HostConfigReader.permissions(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (jar == null || out == null || tunnel == null) {
                throw new IllegalArgumentException("--jar, --tunnel and --out are needed");
            }
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("--jar: no such file: " + jar);
            }
            return new Arguments(jar, HostConfig.ticket(tunnel, pins, credential).withMode(mode, services).withAllow(allow), out);
        }

        private static URI uri(String text) {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--tunnel: not an address: " + e.getMessage(), e);
            }
        }
    }
}
