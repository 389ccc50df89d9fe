package io.deskside.host.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.deskside.host.config.HostConfig;
import io.deskside.host.request.CredentialSource.Cancelled;
import io.deskside.host.request.CredentialSource.Failed;
import io.deskside.host.request.CredentialSource.Obtained;
import io.deskside.host.request.CredentialSource.Result;
import io.deskside.host.request.CredentialSource.SignInPrompt;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the JDK's HTTP server on loopback, standing in for the gateway's {@code /host/credential}. */
class CredentialSourceTest {

    private static final String CREDENTIAL = "h1.2.1767258000.Qx-_abc";
    private static final String JSON = "{\"credential\":\"" + CREDENTIAL + "\",\"expires\":\"2026-12-25T09:00:00Z\","
            + "\"tunnel\":\"ws://127.0.0.1/tunnel\"}";
    private static final String CHALLENGE = "Basic realm=\"Deskside\"";

    /** One scripted answer. */
    private record Reply(int status, Map<String, String> headers, byte[] body) {
        static Reply json(String body) {
            return new Reply(200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        }

        static Reply challenge() {
            return new Reply(401, Map.of("WWW-Authenticate", CHALLENGE, "Content-Type", "application/problem+json"), "{}".getBytes());
        }
    }

    private final Deque<Reply> replies = new ArrayDeque<>();
    /** The Authorization header of each request, "" for none. */
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    /** Answers as told, and records the errors it was asked with. */
    private static final class ScriptedPrompt implements SignInPrompt {
        final List<String> errors = new ArrayList<>();
        final List<char[]> handedOut = new ArrayList<>();
        final Deque<Optional<String[]>> answers = new ArrayDeque<>();

        ScriptedPrompt answer(String user, String password) {
            answers.add(Optional.of(new String[] {user, password}));
            return this;
        }

        ScriptedPrompt cancel() {
            answers.add(Optional.empty());
            return this;
        }

        @Override
        public Optional<Login> ask(String error) {
            errors.add(error);
            return answers.removeFirst().map(a -> {
                char[] password = a[1].toCharArray();
                handedOut.add(password);
                return new Login(a[0], password);
            });
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            paths.add(x.getRequestURI().getPath());
            String auth = x.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            Reply r;
            synchronized (replies) {
                r = replies.isEmpty() ? new Reply(500, Map.of(), new byte[0]) : replies.removeFirst();
            }
            r.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
            x.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
            if (r.body().length > 0) {
                x.getResponseBody().write(r.body());
            }
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private HostConfig config(String credential) {
        return HostConfig.ticket(URI.create("ws://127.0.0.1:" + server.getAddress().getPort() + "/tunnel"), List.of(), credential);
    }

    private Result obtain(SignInPrompt prompt, Reply... script) {
        replies.addAll(List.of(script));
        return new CredentialSource(config(null)).obtain(prompt);
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOpenGatewaysCredentialIsUsedWithoutAsking() {
        ScriptedPrompt prompt = new ScriptedPrompt();
        Result r = obtain(prompt, Reply.json(JSON));
        assertEquals(new Obtained(CREDENTIAL), r);
        assertEquals(List.of(""), authorizations, "no Authorization before a challenge");
        assertEquals(List.of("/host/credential"), paths, "beside the tunnel");
        assertTrue(prompt.errors.isEmpty());
    }

    @Test
    void aChallengeAsksAndRetriesWithBasic() {
        ScriptedPrompt prompt = new ScriptedPrompt().answer("ann", "pässword");
        Result r = obtain(prompt, Reply.challenge(), Reply.json(JSON));
        assertEquals(new Obtained(CREDENTIAL), r);
        assertEquals(List.of("", basic("ann:pässword")), authorizations);
        assertEquals(Collections.singletonList(null), prompt.errors, "the first ask shows no error");
        assertArrayEquals(new char[8], prompt.handedOut.get(0), "the typed password is wiped once sent");
    }

    @Test
    void aSecondChallengeAsksAgainSayingTheLoginIsWrong() {
        ScriptedPrompt prompt = new ScriptedPrompt().answer("ann", "typo").answer("ann", "right");
        Result r = obtain(prompt, Reply.challenge(), Reply.challenge(), Reply.json(JSON));
        assertEquals(new Obtained(CREDENTIAL), r);
        assertEquals(java.util.Arrays.asList(null, "The user name or password is wrong."), prompt.errors);
        assertEquals(List.of("", basic("ann:typo"), basic("ann:right")), authorizations);
    }

    @Test
    void threeWrongAnswersGiveUpWithoutAFourthAsk() {
        ScriptedPrompt prompt = new ScriptedPrompt().answer("a", "1").answer("a", "2").answer("a", "3");
        Result r = obtain(prompt, Reply.challenge(), Reply.challenge(), Reply.challenge(), Reply.challenge());
        Failed f = assertInstanceOf(Failed.class, r);
        assertEquals("The user name or password is wrong.", f.text().title());
        assertEquals(3, prompt.errors.size());
        assertEquals(4, authorizations.size());
    }

    @Test
    void aUserNameWithAColonIsAskedAgainBeforeAnythingIsSent() {
        ScriptedPrompt prompt = new ScriptedPrompt().answer("ann:x", "pw").answer("ann", "pw");
        Result r = obtain(prompt, Reply.challenge(), Reply.json(JSON));
        assertEquals(new Obtained(CREDENTIAL), r);
        assertEquals(java.util.Arrays.asList(null, CredentialSource.COLON_IN_USER), prompt.errors);
        assertEquals(List.of("", basic("ann:pw")), authorizations);
    }

    @Test
    void cancellingSendsNothingMore() {
        ScriptedPrompt prompt = new ScriptedPrompt().cancel();
        Result r = obtain(prompt, Reply.challenge(), Reply.json(JSON));
        assertEquals(new Cancelled(), r);
        assertEquals(1, authorizations.size(), "no request after Cancel");
    }

    @Test
    void tooManyAttemptsSaysHowManyMinutesToWait() {
        Result r = obtain(new ScriptedPrompt(), new Reply(429, Map.of("Retry-After", "120"), new byte[0]));
        Failed f = assertInstanceOf(Failed.class, r);
        assertTrue(f.text().nextStep().contains("2 minutes"), f.text().nextStep());
    }

    @Test
    void aRetryAfterDateIsCountedFromNow() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        replies.add(new Reply(429, Map.of("Retry-After", "Thu, 03 Dec 2026 10:04:30 GMT"), new byte[0]));
        HostConfig c = config(null);
        Result r = new CredentialSource(c, HelpRequestFlow.options(c), Clock.fixed(now, ZoneOffset.UTC)).obtain(new ScriptedPrompt());
        assertTrue(((Failed) r).text().nextStep().contains("5 minutes"), ((Failed) r).text().nextStep());
    }

    @Test
    void waitsAreShownInWholeMinutesRoundedUp() {
        assertEquals("Wait 1 minute, then try again.", CredentialSource.waitText(Duration.ofSeconds(1)));
        assertEquals("Wait 2 minutes, then try again.", CredentialSource.waitText(Duration.ofSeconds(61)));
        assertEquals("Wait 1440 minutes, then try again.", CredentialSource.waitText(Duration.ofDays(30)));
        assertEquals("Wait a few minutes, then try again.", CredentialSource.waitText(null));
    }

    @Test
    void malformedJsonIsAClearFailure() {
        for (String bad : List.of("{\"credential\":\"" + CREDENTIAL + "\"}", JSON + "x", JSON.replace("Qx", "Q\\u0078"),
                JSON.replace("{", "{\"credential\":\"a\","), JSON.replace("tunnel", "tunnels"), "[]", "",
                JSON.replace("2026-12-25T09:00:00Z", "soon"), JSON.replace(CREDENTIAL, "h1 2"), JSON.replace("ws://", "http://"))) {
            authorizations.clear();
            Failed f = assertInstanceOf(Failed.class, obtain(new ScriptedPrompt(), Reply.json(bad)), bad);
            assertEquals("The help desk's server gave an answer Deskside does not understand", f.text().title(), bad);
        }
    }

    @Test
    void anOversizedBodyIsRefused() {
        String big = JSON.replace("\"tunnel\"", " ".repeat(CredentialSource.MAX_BODY_BYTES) + "\"tunnel\"");
        assertInstanceOf(Failed.class, obtain(new ScriptedPrompt(), Reply.json(big)));
    }

    @Test
    void anAnswerThatIsNotJsonIsRefused() {
        assertInstanceOf(Failed.class, obtain(new ScriptedPrompt(), new Reply(200, Map.of("Content-Type", "text/html"), JSON.getBytes())));
    }

    @Test
    void aChallengeOtherThanBasicIsAFailureNotAPrompt() {
        ScriptedPrompt prompt = new ScriptedPrompt();
        Result r = obtain(prompt, new Reply(401, Map.of("WWW-Authenticate", "Bearer"), new byte[0]));
        assertInstanceOf(Failed.class, r);
        assertTrue(prompt.errors.isEmpty());
    }

    @Test
    void aConfiguredCredentialNeedsNoHttpAtAll() {
        Result r = new CredentialSource(config("h1.9.1767258000.own")).obtain(new ScriptedPrompt());
        assertEquals(new Obtained("h1.9.1767258000.own"), r);
        assertTrue(authorizations.isEmpty());
    }

    @Test
    void aGatewayThatIsNotThereIsUnreachable() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        HostConfig c = HostConfig.ticket(URI.create("ws://127.0.0.1:" + port + "/tunnel"), List.of(), null);
        Failed f = assertInstanceOf(Failed.class, new CredentialSource(c).obtain(new ScriptedPrompt()));
        assertEquals(FailureText.unreachable(), f.text());
    }

    @Test
    void theParserTakesWhiteSpaceAndAnyOrderButNothingElse() {
        assertEquals(Map.of("credential", "c", "expires", "e", "tunnel", "t"),
                CredentialSource.parse(" {\n \"tunnel\" : \"t\" ,\"expires\":\"e\",\t\"credential\":\"c\" }\r\n".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> CredentialSource.parse("{\"credential\":\"c\",}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> CredentialSource.parse("{\"credential\":1}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> CredentialSource.parse("{\"credential\":\"é\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> CredentialSource.parse("{\"credential\":\"c".getBytes()));
    }

    @Test
    void theLoginNeverShowsItsPassword() {
        assertEquals("Login[ann]", new SignInPrompt.Login("ann", "secret".toCharArray()).toString());
        assertEquals("Obtained[a credential]", new Obtained(CREDENTIAL).toString());
    }
}
