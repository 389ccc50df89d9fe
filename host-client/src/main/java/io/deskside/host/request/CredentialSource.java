package io.deskside.host.request;

import io.deskside.host.config.HostConfig;
import io.deskside.protocol.client.GatewayTunnel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the Host's gateway credential comes from (host-plan §2.4): the download's own, or, for a
 * download without one, the gateway's {@code /host/credential} beside the tunnel, fetched the way
 * the tunnel goes (the same proxy choice, the same certificate pin) before the tunnel opens. A
 * gateway that keeps credentials for signed-in accounts answers 401 with a {@code Basic}
 * challenge: the Host then asks its user ({@link SignInPrompt}) at most {@value #MAX_ASKS} times.
 * A fetched credential is held in memory only. Every outcome is a {@link Result} with words for
 * the end user; nothing here throws at the window.
 *
 * <p>{@link #obtain} blocks (network, and the prompt's answer): call it on the request's thread,
 * never the EDT. The answer is tiny and read by hand, strictly: at most {@value #MAX_BODY_BYTES}
 * bytes of ASCII JSON, one object of exactly {@code credential}, {@code expires} and
 * {@code tunnel}, strings without escapes; anything else is a failure.
 */
public final class CredentialSource {

    /** Asks the end user for the help desk's user name and password. */
    public interface SignInPrompt {

        /** What the user typed; the password array is the caller's to wipe, and {@link CredentialSource} wipes it. */
        record Login(String user, char[] password) {
            public Login {
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(password, "password");
            }

            @Override
            public String toString() {
                return "Login[" + user + "]";
            }
        }

        /**
         * Shows the question and waits for the answer; empty when the user cancels.
         *
         * @param error why the last answer did not do, or null the first time
         */
        Optional<Login> ask(String error);
    }

    /** How it went. */
    public sealed interface Result permits Obtained, Cancelled, Failed {
    }

    /** A credential to put in the hello. */
    public record Obtained(String credential) implements Result {
        public Obtained {
            Objects.requireNonNull(credential, "credential");
        }

        @Override
        public String toString() {
            return "Obtained[a credential]";
        }
    }

    /** The user cancelled the sign-in (or the thread was told to stop): nothing more was sent. */
    public record Cancelled() implements Result {
    }

    /** No credential, and what to tell the user. */
    public record Failed(FailureText text) implements Result {
        public Failed {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Beside the tunnel: a tunnel at {@code <prefix>/tunnel} has its credentials at {@code <prefix>/host/credential}. */
    static final String PATH = "host/credential";
    static final int MAX_BODY_BYTES = 4096;
    static final int MAX_ASKS = 3;
    /** Until the answer's headers; the whole exchange gets {@link #EXCHANGE_TIMEOUT}. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(15);
    /** A Retry-After longer than this is shown as this. */
    static final Duration MAX_WAIT_SHOWN = Duration.ofDays(1);
    static final String WRONG_LOGIN = "The user name or password is wrong.";
    static final String NOT_ALLOWED = "This account may not start Deskside. Sign in with a technician's account.";
    static final String COLON_IN_USER = "A user name cannot contain a colon (:).";

    private static final Logger LOG = Logger.getLogger(CredentialSource.class.getName());
    private static final List<String> FIELDS = List.of("credential", "expires", "tunnel");

    private final HostConfig config;
    private final GatewayTunnel.Options options;
    private final Clock clock;

    /** For this Host: the tunnel's address, proxy and pinned TLS ({@link HelpRequestFlow#options}). */
    public CredentialSource(HostConfig config) {
        this(config, HelpRequestFlow.options(config), Clock.systemUTC());
    }

    CredentialSource(HostConfig config, GatewayTunnel.Options options, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The download's credential, or one fetched from the gateway; blocks, so never on the EDT. */
    public Result obtain(SignInPrompt prompt) {
        Objects.requireNonNull(prompt, "prompt");
        if (config.credential() != null) {
            return new Obtained(config.credential());
        }
        URI address = options.endpoint().resolve(PATH);
        HttpClient http = client();
        String authorization = null;
        String error = null;
        int asks = 0;
        while (true) {
            Answer answer;
            try {
                answer = fetch(http, address, authorization);
            } catch (IOException e) {
                LOG.log(Level.FINE, "No credential from the gateway", e);
                return new Failed(FailureText.openFailed(e, true, address.getHost()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Cancelled();
            }
            switch (answer.status()) {
                case 200 -> {
                    return read(answer);
                }
                case 401 -> {
                    if (!answer.challengesBasic()) {
                        return failure("the gateway asks for a sign-in Deskside cannot give");
                    }
                    error = authorization == null ? null : WRONG_LOGIN;
                }
                case 403 -> error = NOT_ALLOWED;
                case 429 -> {
                    return new Failed(new FailureText("Too many sign-in attempts", waitText(answer.retryAfter()), false));
                }
                default -> {
                    return failure("status " + answer.status());
                }
            }
            if (asks == MAX_ASKS) {
                return new Failed(new FailureText(error, "Check your user name and password with the help desk, then start Deskside again.",
                        false));
            }
            Optional<SignInPrompt.Login> login;
            do {
                asks++;
                login = prompt.ask(error);
                if (login.isEmpty()) {
                    return new Cancelled();
                }
                error = login.get().user().indexOf(':') >= 0 ? COLON_IN_USER : null;
                if (error != null) {
                    Arrays.fill(login.get().password(), '\0');
                }
            } while (error != null && asks < MAX_ASKS);
            if (error != null) {
                return new Failed(new FailureText(error, "Check your user name with the help desk, then start Deskside again.", false));
            }
            authorization = basic(login.get());
        }
    }

    /** {@code Basic} of user and password (RFC 7617, UTF-8); wipes the password and every copy made here. */
    static String basic(SignInPrompt.Login login) {
        char[] password = login.password();
        char[] joined = new char[login.user().length() + 1 + password.length];
        login.user().getChars(0, login.user().length(), joined, 0);
        joined[login.user().length()] = ':';
        System.arraycopy(password, 0, joined, login.user().length() + 1, password.length);
        Arrays.fill(password, '\0');
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(joined));
        Arrays.fill(joined, '\0');
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        Arrays.fill(bytes.array(), (byte) 0);
        String header = "Basic " + Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        return header;
    }

    /** What the answer needs to show: the wait in whole minutes, rounded up, or "a few" when the gateway did not say. */
    static String waitText(Duration wait) {
        if (wait == null) {
            return "Wait a few minutes, then try again.";
        }
        long minutes = Math.max(1, (Math.min(wait.toSeconds(), MAX_WAIT_SHOWN.toSeconds()) + 59) / 60);
        return "Wait " + minutes + (minutes == 1 ? " minute" : " minutes") + ", then try again.";
    }

    private HttpClient client() {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).proxy(options.proxy())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
        if (options.proxyLogin() != null) {
            PasswordAuthentication proxyLogin = options.proxyLogin();
            b.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() == RequestorType.PROXY ? proxyLogin : null;
                }
            });
        }
        if (options.tls() != null) {
            b.sslContext(options.tls());
        }
        return b.build();
    }

    /** One GET, its headers within {@link #REQUEST_TIMEOUT} and all of it within {@link #EXCHANGE_TIMEOUT}. */
    private Answer fetch(HttpClient http, URI address, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(address).timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        CompletableFuture<HttpResponse<Body>> pending = http.sendAsync(request.build(), info -> new BoundedBody(MAX_BODY_BYTES));
        HttpResponse<Body> response;
        try {
            response = pending.get(EXCHANGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException("no answer within " + EXCHANGE_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("the request failed", e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        }
        var headers = response.headers();
        boolean basic = headers.allValues("WWW-Authenticate").stream()
                .anyMatch(v -> v.regionMatches(true, 0, "Basic", 0, 5) && (v.length() == 5 || v.charAt(5) == ' '));
        return new Answer(response.statusCode(), headers.firstValue("Content-Type").orElse(""), basic,
                retryAfter(headers.firstValue("Retry-After").orElse(null)), response.body());
    }

    /** Seconds, or an HTTP date (RFC 9110); null for anything else. */
    private Duration retryAfter(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (!v.isEmpty() && v.length() <= 9 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant until = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), until);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A 200's body: the credential, checked as a download's would be. */
    private Result read(Answer answer) {
        if (answer.body().tooLong()) {
            return failure("an answer longer than " + MAX_BODY_BYTES + " bytes");
        }
        if (!answer.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return failure("an answer that is not JSON");
        }
        Map<String, String> fields;
        try {
            fields = parse(answer.body().bytes());
            Instant.parse(fields.get("expires"));
            String tunnel = fields.get("tunnel").toLowerCase(Locale.ROOT);
            if (!tunnel.startsWith("ws://") && !tunnel.startsWith("wss://")) {
                throw new IllegalArgumentException("a tunnel that is not ws(s)");
            }
            config.withCredential(fields.get("credential")); // the same rules as a download's credential
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return failure("a malformed credential answer: " + e.getMessage());
        }
        return new Obtained(fields.get("credential"));
    }

    /**
     * {@code {"credential":"…","expires":"…","tunnel":"…"}}: ASCII, JSON white space between tokens,
     * each of the three names once, string values of printable characters without escapes.
     */
    static Map<String, String> parse(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                throw new IllegalArgumentException("not ASCII");
            }
        }
        String text = new String(body, StandardCharsets.US_ASCII);
        int[] at = {skipSpace(text, 0)};
        expect(text, at, '{');
        Map<String, String> fields = new HashMap<>();
        do {
            String name = string(text, at);
            expect(text, at, ':');
            String value = string(text, at);
            if (!FIELDS.contains(name) || fields.put(name, value) != null) {
                throw new IllegalArgumentException("an unexpected or repeated name");
            }
        } while (next(text, at, ',', '}') == ',');
        if (at[0] != text.length()) {
            throw new IllegalArgumentException("more after the object");
        }
        if (fields.size() != FIELDS.size()) {
            throw new IllegalArgumentException("a missing name");
        }
        return fields;
    }

    private static String string(String text, int[] at) {
        expect(text, at, '"');
        int start = at[0];
        while (at[0] < text.length() && text.charAt(at[0]) != '"') {
            char c = text.charAt(at[0]);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException("a control character or an escape in a string");
            }
            at[0]++;
        }
        if (at[0] == text.length()) {
            throw new IllegalArgumentException("an unterminated string");
        }
        String s = text.substring(start, at[0]);
        at[0] = skipSpace(text, at[0] + 1);
        return s;
    }

    private static void expect(String text, int[] at, char c) {
        if (next(text, at, c, c) != c) {
            throw new IllegalArgumentException("expected '" + c + "'");
        }
    }

    /** Takes {@code a} or {@code b} at the cursor (and the white space after it). */
    private static char next(String text, int[] at, char a, char b) {
        if (at[0] >= text.length() || (text.charAt(at[0]) != a && text.charAt(at[0]) != b)) {
            throw new IllegalArgumentException("expected '" + a + "'" + (a == b ? "" : " or '" + b + "'"));
        }
        char c = text.charAt(at[0]);
        at[0] = skipSpace(text, at[0] + 1);
        return c;
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static Failed failure(String why) {
        LOG.fine(() -> "The gateway's credential answer was refused: " + why);
        return new Failed(new FailureText("The help desk's server gave an answer Deskside does not understand",
                "Try again later. If it happens again, tell the help desk.", false));
    }

    private record Answer(int status, String contentType, boolean challengesBasic, Duration retryAfter, Body body) {
    }

    /** At most the limit's bytes of a body; past it, only that it was too long. */
    record Body(byte[] bytes, boolean tooLong) {
    }

    /** Collects a body up to a limit and stops reading past it, so a long answer costs no more than the limit. */
    static final class BoundedBody implements HttpResponse.BodySubscriber<Body> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Body> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (bytes.size() + b.remaining() > limit) {
                    subscription.cancel();
                    body.complete(new Body(new byte[0], true));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(new Body(bytes.toByteArray(), false));
        }
    }
}
