package io.deskside.it.support;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Squid (Debian's package) on a loopback port, as a corporate proxy: Basic
 * authentication required, CONNECT only to port 443 (so WebSocket tunnels to the gateway's port
 * are refused), and the usual {@code Via} and {@code X-Forwarded-For} headers added.
 */
public final class Squid implements AutoCloseable {

    public static final String USER = "ann";
    public static final String PASSWORD = "proxy pass 7";
    private static final Path BINARY = Path.of("/usr/sbin/squid");

    private final Path dir;
    private final int port;
    private final Process process;

    private Squid() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("deskside-squid");
        dir.toFile().setWritable(true, false);
        dir.toFile().setExecutable(true, false);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process hash = new ProcessBuilder("openssl", "passwd", "-apr1", PASSWORD).redirectErrorStream(true).start();
        String hashed = new String(hash.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (hash.waitFor() != 0 || !hashed.startsWith("$apr1$")) {
            throw new IOException("openssl could not hash the proxy password: " + hashed);
        }
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, USER + ":" + hashed + "\n");
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
        Path conf = dir.resolve("squid.conf");
        Files.writeString(conf, String.join("\n",
                "http_port 127.0.0.1:" + port,
                "pid_filename " + dir.resolve("squid.pid"),
                "cache_log " + dir.resolve("cache.log"),
                "access_log " + dir.resolve("access.log"),
                "coredump_dir " + dir,
                "cache deny all",
                "netdb_filename none",
                "shutdown_lifetime 0 seconds",
                "auth_param basic program /usr/lib/squid/basic_ncsa_auth " + passwd,
                "auth_param basic realm deskside-test",
                "acl authed proxy_auth REQUIRED",
                "acl SSL_ports port 443",
                "acl CONNECT method CONNECT",
                "http_access deny CONNECT !SSL_ports",
                "http_access allow localhost authed",
                "http_access deny all",
                ""));
        process = new ProcessBuilder(BINARY.toString(), "-N", "-f", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Squid stopped: " + Files.readString(dir.resolve("stdout.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("Squid did not open port " + port);
    }

    /** Starts Squid, or skips the test where it is not installed (fails on CI). */
    public static Squid start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            String why = "Squid is not installed (Debian package squid)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        return new Squid();
    }

    public int port() {
        return port;
    }

    /** What Squid logged of the requests it passed, one line each. */
    public List<String> accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
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
