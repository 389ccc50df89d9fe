package io.deskside.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.client.GatewayTunnel.OpenFailed;
import io.deskside.protocol.client.GatewayTunnel.OpenFailed.Why;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.FrameType;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OpenFailed#why()}: what stood between a tunnel and its gateway, as the JDK reports it
 * through a real Squid (one that wants a login, one that refuses everything), a proxy of our own
 * that answers each transport differently, an untrusted certificate, a server that never answers
 * and a closed port. Only loopback addresses; short timeouts.
 */
class GatewayTunnelOpenFailedTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(600);
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    static ExecutorService threads;
    static HttpServer gateway;
    static HttpsServer tlsGateway;

    @BeforeAll
    static void startGateways() throws Exception {
        threads = Executors.newCachedThreadPool();
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.setExecutor(threads);
        gateway.createContext(HttpTunnelContract.HOST_PATH, GatewayTunnelOpenFailedTest::welcome);
        gateway.start();
        tlsGateway = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tlsGateway.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
        tlsGateway.setExecutor(threads);
        tlsGateway.createContext(HttpTunnelContract.HOST_PATH, GatewayTunnelOpenFailedTest::welcome);
        tlsGateway.start();
    }

    @AfterAll
    static void stopGateways() {
        gateway.stop(0);
        tlsGateway.stop(0);
        threads.shutdownNow();
    }

    /** A gateway in transaction mode that welcomes a HELLO and otherwise has nothing to say. */
    private static void welcome(HttpExchange x) throws IOException {
        try (x) {
            List<Frame> frames = new FrameDecoder().feed(x.getRequestBody().readAllBytes());
            byte[] body = !frames.isEmpty() && frames.get(0).type() == FrameType.HELLO ? new Message.Welcome("tunnel.secret", 30).toFrame().encode()
                    : new byte[0];
            x.getResponseHeaders().add(HttpTunnelContract.RECEIVED, "0");
            x.getResponseHeaders().add(HttpTunnelContract.SEQ, "0");
            x.sendResponseHeaders(HttpTunnelContract.FRAMES, body.length == 0 ? -1 : body.length);
            x.getResponseBody().write(body);
        } catch (Exception e) {
            x.sendResponseHeaders(HttpTunnelContract.MALFORMED, -1);
        }
    }

    private static SSLContext selfSigned() throws Exception {
        Path store = dir.resolve("gateway.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "gateway",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "1",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(STORE_PASSWORD), "-keypass",
                new String(STORE_PASSWORD), "-noprompt").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        return tls;
    }

    /** As a Host whose pins match no certificate: every server is refused. */
    private static SSLContext trustingNothing() throws Exception {
        X509TrustManager none = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("not pinned");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("not pinned");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {none}, null);
        return tls;
    }

    private static URI http() {
        return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + HttpTunnelContract.HOST_PATH);
    }

    private static URI https() {
        return URI.create("https://127.0.0.1:" + tlsGateway.getAddress().getPort() + HttpTunnelContract.HOST_PATH);
    }

    private static GatewayTunnel.Options options(URI endpoint, Mode... modes) {
        return new GatewayTunnel.Options(endpoint, Message.Role.HOST, "test", "", Map.of(), List.of(modes), HttpClient.Builder.NO_PROXY, null,
                CONNECT_TIMEOUT, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(20), null);
    }

    private static Why whyNot(GatewayTunnel.Options options) {
        return assertThrows(OpenFailed.class, () -> GatewayTunnel.open(options).close(), options.toString()).why();
    }

    // ---- proxies

    @Test
    void aProxyThatWantsALoginIsProxyAuthOnEveryTransportAndForHttps() throws Exception {
        try (LoopbackSquid squid = LoopbackSquid.askingForALogin()) {
            assertEquals(Why.PROXY_AUTH, whyNot(options(http(), Mode.values()).proxy("127.0.0.1", squid.port(), null)));
            // HTTPS: the proxy's 407 to CONNECT comes back as a response, not as an exception.
            assertEquals(Why.PROXY_AUTH, whyNot(options(https(), Mode.TRANSACTION).proxy("127.0.0.1", squid.port(), null)));
            assertEquals(Why.PROXY_AUTH, whyNot(options(http(), Mode.WEBSOCKET).proxy("127.0.0.1", squid.port(), null)));
        }
    }

    @Test
    void aLoginTheProxyRefusesIsProxyAuthAndTheRightOneGetsThrough() throws Exception {
        try (LoopbackSquid squid = LoopbackSquid.askingForALogin()) {
            var wrong = new PasswordAuthentication(LoopbackSquid.USER, "wrong".toCharArray());
            assertEquals(Why.PROXY_AUTH, whyNot(options(http(), Mode.TRANSACTION).proxy("127.0.0.1", squid.port(), wrong)));
            var right = new PasswordAuthentication(LoopbackSquid.USER, LoopbackSquid.PASSWORD.toCharArray());
            try (GatewayTunnel t = GatewayTunnel.open(options(http(), Mode.TRANSACTION).proxy("127.0.0.1", squid.port(), right))) {
                assertEquals(Mode.TRANSACTION, t.mode(), "signed in, the proxy carries the tunnel");
            }
        }
    }

    @Test
    void aProxyThatRefusesIsProxyRefusedForHttpHttpsAndWebSocket() throws Exception {
        try (LoopbackSquid squid = LoopbackSquid.refusingEverything()) {
            assertEquals(Why.PROXY_REFUSED, whyNot(options(http(), Mode.values()).proxy("127.0.0.1", squid.port(), null)));
            // The CONNECT refused: IOException("Tunnel failed, got: 403").
            assertEquals(Why.PROXY_REFUSED, whyNot(options(https(), Mode.TRANSACTION).proxy("127.0.0.1", squid.port(), null)));
            assertEquals(Why.PROXY_REFUSED, whyNot(options(http(), Mode.WEBSOCKET).proxy("127.0.0.1", squid.port(), null)));
        }
    }

    @Test
    void whenTransportsFailDifferentlyTheMostSpecificReasonWinsWhateverTheOrder() throws Exception {
        // A proxy that wants a login for CONNECT (the WebSocket) but cannot reach the gateway for plain HTTP (503).
        try (ScriptedProxy proxy = new ScriptedProxy()) {
            assertEquals(Why.PROXY_AUTH, whyNot(options(http(), Mode.TRANSACTION, Mode.WEBSOCKET).proxy("127.0.0.1", proxy.port(), null)));
            assertEquals(Why.PROXY_AUTH, whyNot(options(http(), Mode.WEBSOCKET, Mode.TRANSACTION).proxy("127.0.0.1", proxy.port(), null)));
            assertEquals(Why.UNREACHABLE, whyNot(options(http(), Mode.TRANSACTION).proxy("127.0.0.1", proxy.port(), null)),
                    "a proxy's 503 alone: it could not reach the gateway");
        }
    }

    // ---- no proxy

    @Test
    void aCertificateThatIsNotTrustedIsTlsUntrustedOnEveryTransport() throws Exception {
        OpenFailed e = assertThrows(OpenFailed.class, () -> GatewayTunnel.open(options(https(), Mode.values()).tls(trustingNothing())));
        assertEquals(Why.TLS_UNTRUSTED, e.why());
        assertTrue(causedBy(e, SSLHandshakeException.class), "the handshake's failure is kept as the cause");
    }

    @Test
    void aServerThatNeverAnswersIsTimedOutSoon() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort() + HttpTunnelContract.HOST_PATH);
            long started = System.nanoTime();
            GatewayTunnel.Options impatient = options(endpoint, Mode.TRANSACTION, Mode.WEBSOCKET);
            impatient = new GatewayTunnel.Options(impatient.endpoint(), impatient.role(), impatient.client(), "", Map.of(), impatient.modes(),
                    impatient.proxy(), null, Duration.ofMillis(300), impatient.stall(), impatient.grace(), impatient.longPoll(), null);
            GatewayTunnel.Options o = impatient;
            OpenFailed e = assertThrows(OpenFailed.class, () -> GatewayTunnel.open(o));
            assertEquals(Why.TIMED_OUT, e.why());
            assertTrue(causedBy(e, HttpTimeoutException.class) || e.getMessage().contains("in time"), e.toString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // Four attempts (two transports, twice) of 300 ms each, not the whole grace period.
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(Why.UNREACHABLE, whyNot(options(URI.create("http://127.0.0.1:" + port + HttpTunnelContract.HOST_PATH), Mode.values())));
    }

    // ---- the reading of what the JDK says

    @Test
    void theReasonsRankFromProxyAuthDownToUnreachable() {
        List<Why> ranked = List.of(Why.PROXY_AUTH, Why.TLS_UNTRUSTED, Why.PROXY_REFUSED, Why.TIMED_OUT, Why.UNREACHABLE);
        for (int i = 0; i < ranked.size(); i++) {
            for (int j = i + 1; j < ranked.size(); j++) {
                assertTrue(ranked.get(i).moreSpecificThan(ranked.get(j)), ranked.get(i) + " over " + ranked.get(j));
                assertTrue(!ranked.get(j).moreSpecificThan(ranked.get(i)), ranked.get(j) + " under " + ranked.get(i));
            }
        }
    }

    @Test
    void theJdksWordsForAConnectAreReadByStatus() {
        assertEquals(Why.PROXY_AUTH, OpenFailures.why(new IOException("Tunnel failed, got: 407")));
        assertEquals(Why.PROXY_REFUSED, OpenFailures.why(new IOException("WebSocket", new IOException("Tunnel failed, got: 403"))));
        assertEquals(Why.UNREACHABLE, OpenFailures.why(new IOException("Tunnel failed, got: 503")));
        assertEquals(Why.PROXY_AUTH, OpenFailures.why(new IOException("too many authentication attempts. Limit: 3")));
        HttpTimeoutException late = new HttpTimeoutException("late");
        late.initCause(new SSLHandshakeException("PKIX path building failed"));
        assertEquals(Why.TLS_UNTRUSTED, OpenFailures.why(new IOException("x", late)), "the most specific cause in the chain");
        assertEquals(Why.UNREACHABLE, OpenFailures.why(new java.net.ConnectException()));
    }

    @Test
    void aHelloAnswered403IsTheProxysRefusalOnlyThroughAProxy() {
        URI endpoint = http();
        ProxySelector proxy = ProxySelector.of(new InetSocketAddress("127.0.0.1", 3128));
        assertEquals(Why.PROXY_REFUSED, OpenFailures.answered(Mode.TRANSACTION, 403, proxy, endpoint).why());
        assertEquals(Why.UNREACHABLE, OpenFailures.answered(Mode.TRANSACTION, 403, HttpClient.Builder.NO_PROXY, endpoint).why());
        assertEquals(Why.PROXY_AUTH, OpenFailures.answered(Mode.STREAMING, 407, proxy, endpoint).why());
        assertEquals(Why.UNREACHABLE, OpenFailures.answered(Mode.STREAMING, 503, proxy, endpoint).why());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A proxy of our own on a loopback port that answers each request after reading its head, and
     * closes: {@code CONNECT} with 407 (wants a login), anything else with 503 (cannot reach).
     */
    private static final class ScriptedProxy implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread accepting = new Thread(this::serve, "scripted-proxy");

        ScriptedProxy() throws IOException {
            accepting.setDaemon(true);
            accepting.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    s.setSoTimeout(2000);
                    String head = readHead(s.getInputStream());
                    String answer = head.startsWith("CONNECT ")
                            ? "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n"
                            : "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n";
                    OutputStream out = s.getOutputStream();
                    out.write((answer + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // closed, or a client that went away: next
                }
            }
        }

        /** The request line and headers, up to the empty line (at most 16 KiB). */
        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int c;
            while (head.length() < 16 * 1024 && (c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
