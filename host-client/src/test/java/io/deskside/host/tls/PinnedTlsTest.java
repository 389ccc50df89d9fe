package io.deskside.host.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real handshake with the JDK's HTTP client, as the tunnel makes it: the pin alone decides,
 * even though the server's certificate names another host than the one connected to.
 */
class PinnedTlsTest {

    @TempDir
    static Path dir;

    static HttpsServer server;
    static KeyStore gateway;
    static KeyStore other;

    @BeforeAll
    static void startServer() throws Exception {
        gateway = TestCertificates.make(dir, "gateway", "gateway.example"); // not 127.0.0.1, and no SAN
        other = TestCertificates.make(dir, "other", "gateway.example");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(gateway, TestCertificates.PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", x -> {
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static int get(SSLContext tls) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).proxy(HttpClient.Builder.NO_PROXY)
                .build();
        URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/host/credential");
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void thePinnedGatewayAnswersThoughItsCertificateNamesAnotherHost() throws Exception {
        assertEquals(204, get(PinnedTls.context(List.of(PinnedTrustManager.sha256(TestCertificates.certificate(gateway))))));
    }

    @Test
    void aGatewayWithAnotherCertificateFailsTheHandshake() {
        SSLContext tls = PinnedTls.context(List.of(new byte[32]));
        assertThrows(SSLHandshakeException.class, () -> get(tls));
    }

    @Test
    void aPinOfAnotherCertificateFailsTheHandshake() throws Exception {
        SSLContext tls = PinnedTls.context(List.of(PinnedTrustManager.sha256(TestCertificates.certificate(other))));
        assertThrows(SSLHandshakeException.class, () -> get(tls));
    }
}
