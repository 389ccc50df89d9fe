package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production configuration serves TLS: the test server is set up with the very
 * {@code tls.cli} operators run (key store password from the environment), and a whole session
 * runs over WSS and HTTPS (streaming and transaction mode) with a client that trusts exactly the
 * server's certificate; a client that does not trust it gets nowhere.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TlsIT {

    static final String TLS_BASE = Api.BASE.replace("http://", "https://").replace(":8080", ":8443");
    static final Duration WAIT = Duration.ofSeconds(15);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    /** Trusts the test server's own certificate and nothing else. */
    static SSLContext trustingTheServer() throws Exception {
        Path store = Path.of(System.getProperty("jboss.home"), "standalone", "configuration", "deskside.p12");
        char[] password = System.getProperty("test.keystore.password").toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("deskside", keys.getCertificate("deskside"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    @Test
    void aWholeSessionRunsOverWssAndHttps() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trustingTheServer()).proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newCachedThreadPool();
        GatewayTunnel.Shared shared = new GatewayTunnel.Shared(https, timer, workers);
        try {
            HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(TLS_BASE + "/host/credential")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            JsonObject download = Json.createReader(new StringReader(page.body())).readObject();
            assertEquals(TLS_BASE.replace("https", "wss") + "/tunnel", download.getString("tunnel"),
                    "a Host downloaded over HTTPS is told to use WSS");

            for (Mode mode : Mode.values()) {
                String login = HelpDesk.account("tess", "technician");
                Api tess = HelpDesk.as(login);
                String service = HelpDesk.service(List.of(login));
                GatewayTunnel.Options hostOptions = GatewayTunnel.Options.of(URI.create(TLS_BASE + "/tunnel"), Message.Role.HOST,
                        "Deskside Host test").credential(download.getString("credential")).direct().modes(mode);
                try (GatewayTunnel host = GatewayTunnel.open(hostOptions, shared, null)) {
                    host.send(new Message.HelpRequest(false, service, "ann@pc", "over TLS"));
                    assertEquals(Message.Status.State.WAITING, host.await(Message.Status.class, WAIT).state(), mode.name());
                    long id = QueueClaimIT.waiting(tess).get(0);
                    assertEquals(200, tess.post("/api/queue/" + id + "/claim", null).status());
                    assertNotNull(host.await(Message.ConfirmRequest.class, WAIT));
                    GatewayTunnel.Options guestOptions = GatewayTunnel.Options.of(URI.create(TLS_BASE + "/api/sessions/" + id + "/tunnel"),
                            Message.Role.GUEST, "Deskside Guest test").direct().modes(mode)
                            .headers(Map.of("Authorization", tess.authorization()));
                    try (GatewayTunnel guest = GatewayTunnel.open(guestOptions, shared, null)) {
                        assertEquals(Message.Status.State.CONFIRMING, guest.await(Message.Status.class, WAIT).state());
                        host.send(new Message.ConfirmAnswer(true));
                        assertEquals(Message.Status.State.CONNECTED, guest.await(Message.Status.class, WAIT).state());
                        assertEquals(mode, host.mode());
                        assertEquals(mode, guest.mode());
                        guest.send(new Message.Credit(1, 1 << 20));
                        assertNotNull(host.await(Message.Credit.class, WAIT));
                        byte[] update = new byte[50_000];
                        new java.util.Random(7).nextBytes(update);
                        host.send(new Message.Data(1, update));
                        assertArrayEquals(update, guest.await(Message.Data.class, WAIT).sealed(), mode.name());
                        host.send(new Message.Disconnect(DisconnectReason.HOST_ENDED, "thanks"));
                        assertEquals(DisconnectReason.HOST_ENDED, guest.await(Message.Disconnect.class, WAIT).reason());
                    }
                }
            }
        } finally {
            timer.shutdownNow();
            workers.shutdownNow();
        }
    }

    @Test
    void theKeyStorePasswordIsWrittenNowhereInTheConfiguration() throws Exception {
        String config = Files.readString(Path.of(System.getProperty("jboss.home"), "standalone", "configuration", "standalone.xml"));
        assertTrue(config.contains("${env.DESKSIDE_KEYSTORE_PASSWORD}"), "the server reads it from the environment");
        assertFalse(config.contains(System.getProperty("test.keystore.password")), "and stores only the reference");
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateGetsNowhere() throws Exception {
        HttpClient strict = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(10)).build();
        IOException e = assertThrows(IOException.class, () -> strict.send(
                HttpRequest.newBuilder(URI.create(TLS_BASE + "/host/credential")).build(), HttpResponse.BodyHandlers.ofString()));
        assertInstanceOf(SSLHandshakeException.class, e, e.toString());
        GatewayTunnel.Options options = GatewayTunnel.Options.of(URI.create(TLS_BASE + "/tunnel"), Message.Role.HOST, "Host")
                .credential(HelpDesk.hostCredential()).direct().modes(Mode.WEBSOCKET);
        IOException refused = assertThrows(IOException.class, () -> GatewayTunnel.open(options));
        assertFalse(refused instanceof GatewayTunnel.TunnelRefused, "the handshake failed; the gateway never heard a hello");
    }
}
