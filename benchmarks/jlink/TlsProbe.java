import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * Proves that a jlink'd image can talk TLS to a gateway whose certificate is an EC key, the way the Host
 * does, for {@code benchmarks/jlink-host.sh}. {@code jdeps} cannot see that the Host needs
 * {@code jdk.crypto.ec} (the SunEC provider: ECDSA signatures and the X25519 / P-256 key exchanges are
 * looked up by name at run time), so an image without it starts fine and fails only at the first
 * handshake; this probe is that first handshake.
 *
 * <p>{@code server <keystore.p12> <password> <port file> <seconds>} runs on the full JDK (it needs
 * {@code jdk.httpserver}): an HTTPS server on a free loopback port that answers "ok" and stops by
 * itself after the given seconds. {@code client <port> <cert.pem>} runs on the image: one GET with the
 * JDK's {@code HttpClient} (as the Host's gateway link), trusting only that certificate, and prints the
 * protocol and cipher suite agreed. Run the client with {@code -Djdk.tls.namedGroups=x25519} to insist on
 * the key exchange the Host's own protocol also uses.
 */
public final class TlsProbe {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);

    private TlsProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        switch (mode) {
            case "server" -> serve(Path.of(args[1]), args[2].toCharArray(), Path.of(args[3]), Integer.parseInt(args[4]));
            case "client" -> fetch(Integer.parseInt(args[1]), Path.of(args[2]));
            default -> {
                System.err.println("usage: TlsProbe server <keystore.p12> <password> <port file> <seconds> | client <port> <cert.pem>");
                System.exit(2);
            }
        }
    }

    private static void serve(Path keyStoreFile, char[] password, Path portFile, int seconds) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStoreFile.toFile())) {
            keyStore.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".part");
        Files.writeString(partial, Integer.toString(server.getAddress().getPort()));
        Files.move(partial, portFile);
        Thread.sleep(seconds * 1000L);
        server.stop(0);
    }

    private static void fetch(int port, Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(CLIENT_TIMEOUT).build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).timeout(CLIENT_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        SSLSession session = response.sslSession().orElseThrow(() -> new IllegalStateException("no TLS session"));
        System.out.println("tls " + response.statusCode() + " " + session.getProtocol() + " " + session.getCipherSuite()
                + " " + session.getPeerCertificates()[0].getPublicKey().getAlgorithm());
    }
}
