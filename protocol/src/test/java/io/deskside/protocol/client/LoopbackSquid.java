package io.deskside.protocol.client;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Squid (Debian's package) on a loopback port, for what the JDK reports when a proxy
 * stands in the way: one that wants Basic authentication for everything, or one that refuses
 * everything. Skips the test where Squid is not installed, but fails on CI ({@code CI=true}),
 * where it must be.
 */
final class LoopbackSquid implements AutoCloseable {

    static final String USER = "ann";
    static final String PASSWORD = "proxy pass 7";
    private static final Path BINARY = Path.of("/usr/sbin/squid");
    private static final Path NCSA_AUTH = Path.of("/usr/lib/squid/basic_ncsa_auth");

    private final Path dir;
    private final int port;
    private final Process process;

    /** Wants {@link #USER} and {@link #PASSWORD} before it carries anything. */
    static LoopbackSquid askingForALogin() throws IOException, InterruptedException {
        installed();
        return new LoopbackSquid(true);
    }

    /** Refuses everything (403), CONNECT included. */
    static LoopbackSquid refusingEverything() throws IOException, InterruptedException {
        installed();
        return new LoopbackSquid(false);
    }

    private static void installed() {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(NCSA_AUTH)) {
            String why = "Squid is not installed (Debian package squid): the proxy cases of this test need it";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
    }

    private LoopbackSquid(boolean login) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("deskside-squid");
        // Squid started as root drops to its own user, which must write its logs here.
        dir.toFile().setWritable(true, false);
        dir.toFile().setExecutable(true, false);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> conf = new ArrayList<>(List.of("http_port 127.0.0.1:" + port, "pid_filename " + dir.resolve("squid.pid"),
                "cache_log " + dir.resolve("cache.log"), "access_log " + dir.resolve("access.log"), "coredump_dir " + dir, "cache deny all",
                "netdb_filename none", "shutdown_lifetime 0 seconds"));
        if (login) {
            Path passwd = dir.resolve("passwd");
            Files.writeString(passwd, USER + ":" + apr1(PASSWORD) + "\n");
            Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
            conf.addAll(List.of("auth_param basic program " + NCSA_AUTH + " " + passwd, "auth_param basic realm deskside-test",
                    "acl authed proxy_auth REQUIRED", "http_access allow authed"));
        }
        conf.add("http_access deny all");
        Path file = dir.resolve("squid.conf");
        Files.write(file, conf);
        process = new ProcessBuilder(BINARY.toString(), "-N", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Squid stopped: " + Files.readString(dir.resolve("stdout.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("Squid did not open port " + port);
    }

    private static String apr1(String password) throws IOException, InterruptedException {
        Process hash = new ProcessBuilder("openssl", "passwd", "-apr1", password).redirectErrorStream(true).start();
        String hashed = new String(hash.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (hash.waitFor() != 0 || !hashed.startsWith("$apr1$")) {
            throw new IOException("openssl could not hash the proxy password: " + hashed);
        }
        return hashed;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
