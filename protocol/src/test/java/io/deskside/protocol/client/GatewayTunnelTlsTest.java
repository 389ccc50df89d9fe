package io.deskside.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.FrameType;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GatewayTunnel.Options#tls}: the tunnel's HTTPS goes through the given context, so a
 * gateway with a certificate of its own (self-signed, made here with {@code keytool}) is reached
 * with a context that trusts it, and not with the JDK's default trust.
 */
class GatewayTunnelTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    static KeyStore keys;
    static HttpsServer server;
    static ExecutorService threads;

    @BeforeAll
    static void startGateway() throws Exception {
        Path store = dir.resolve("gateway.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "gateway",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "1",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD),
                "-noprompt").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        threads = Executors.newCachedThreadPool();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(threads);
        server.createContext(HttpTunnelContract.HOST_PATH, GatewayTunnelTlsTest::answer);
        server.start();
    }

    @AfterAll
    static void stopGateway() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** A gateway in transaction mode that welcomes a HELLO and otherwise has nothing to say. */
    private static void answer(HttpExchange x) throws IOException {
        try (x) {
            List<Frame> frames = new FrameDecoder().feed(x.getRequestBody().readAllBytes());
            byte[] body = new byte[0];
            if (!frames.isEmpty() && frames.get(0).type() == FrameType.HELLO) {
                body = new Message.Welcome("tunnel.secret", 30).toFrame().encode();
            } else {
                Thread.sleep(50);
            }
            x.getResponseHeaders().add(HttpTunnelContract.RECEIVED, "0");
            x.getResponseHeaders().add(HttpTunnelContract.SEQ, "0");
            x.sendResponseHeaders(HttpTunnelContract.FRAMES, body.length == 0 ? -1 : body.length);
            x.getResponseBody().write(body);
        } catch (Exception e) {
            x.sendResponseHeaders(HttpTunnelContract.MALFORMED, -1);
        }
    }

    private static GatewayTunnel.Options options() {
        URI endpoint = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + HttpTunnelContract.HOST_PATH);
        return new GatewayTunnel.Options(endpoint, Message.Role.HOST, "test", "", Map.of(), List.of(GatewayTunnel.Mode.TRANSACTION),
                HttpClient.Builder.NO_PROXY, null, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(20),
                null);
    }

    @Test
    void aTunnelWithAContextTrustingTheGatewayOpens() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("gateway", keys.getCertificate("gateway"));
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);

        GatewayTunnel.Options options = options().tls(tls).credential("h1.x").modes(GatewayTunnel.Mode.TRANSACTION);
        assertEquals(tls, options.tls(), "the withers keep the context");
        assertFalse(options.toString().contains("SSLContext"), options.toString());
        try (GatewayTunnel tunnel = GatewayTunnel.open(options)) {
            assertEquals(GatewayTunnel.Mode.TRANSACTION, tunnel.mode());
        }
    }

    @Test
    void withoutItTheJdksDefaultTrustRefusesTheSelfSignedGateway() {
        GatewayTunnel.OpenFailed e = assertThrows(GatewayTunnel.OpenFailed.class, () -> GatewayTunnel.open(options()).close());
        assertEquals(GatewayTunnel.OpenFailed.Why.TLS_UNTRUSTED, e.why());
        assertInstanceOf(SSLHandshakeException.class, e.getCause(), e.toString());
    }
}
