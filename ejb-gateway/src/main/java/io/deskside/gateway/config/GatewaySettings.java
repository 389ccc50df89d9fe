package io.deskside.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every knob of the gateway, read once from system properties ({@code deskside.ticket.ttl})
 * or, failing that, the environment ({@code DESKSIDE_TICKET_TTL}). Durations are ISO-8601
 * ({@code PT10M}) or a number of seconds. A bad value stops the deployment with a message
 * naming the setting, rather than running with a surprise.
 */
public record GatewaySettings(
        Duration ticketTtl,
        Duration ticketMinTtl,
        Duration ticketMaxTtl,
        Duration queueTimeout,
        int passwordIterations,
        int failedTicketsBeforeDelay,
        int failedTicketsBeforeLockout,
        Duration lockoutDuration,
        int guessesPerMinute,
        Path dataDir,
        Tunnel tunnel,
        Duration hostCredentialLifetime,
        HostCredentialSignIn hostCredentialSignIn,
        String node,
        Limits limits,
        Audit audit) {

    /**
     * Bounds on what anonymous or not-yet-signed-in callers may cost. Password checks, per account
     * and source address: {@code failedLoginsBeforeDelay} free failures, then doubling waits,
     * locked out for {@code loginLockout} at {@code failedLoginsBeforeLockout}, at most
     * {@code loginChecksAtOnce} slow hashes under way (per address as a whole ten times the
     * failures and four times the checks; see {@link io.deskside.gateway.security.LoginThrottle}). Help requests under a service's name, per source address:
     * at most {@code waitingPerSource} waiting at once and {@code asksPerMinute} a minute; and at
     * most {@code waitingInAll} waiting in the whole queue. Host tunnels (anyone with a Host may
     * open one): at most {@code hostsPerSource} from one source and {@code hostsInAll} on this
     * node, and one that has not asked for help within {@code hostAskWithin} is closed. Host
     * credentials (anyone may download a Host): {@code hostCredentialsPerHour} per source address.
     */
    public record Limits(int failedLoginsBeforeDelay, int failedLoginsBeforeLockout, Duration loginLockout,
            int loginChecksAtOnce, int waitingPerSource, int asksPerMinute, int waitingInAll,
            int hostsPerSource, int hostsInAll, Duration hostAskWithin, int hostCredentialsPerHour) {
    }

    /**
     * How tunnels behave. A dropped transport may be replaced within {@code grace}; clients ping
     * after {@code heartbeat} of quiet; a transport silent for {@code silence} is taken for
     * dead; a long poll is held at most {@code longPoll}; a request that came through an HTTP
     * proxy is told to use transaction mode unless {@code proxiedAnyTransport}. (Which proxies'
     * forwarding headers are believed is the edge's to know, in its own settings.)
     */
    public record Tunnel(Duration grace, Duration heartbeat, Duration silence, Duration longPoll, boolean proxiedAnyTransport) {
    }

    /**
     * The event log's anchors outside the database: the key that hashes every entry, in
     * {@code keyFile} (made on first start, readable by the server's user only), and the signed
     * checkpoint of the chain head, written to {@code checkpointFile} at most every
     * {@code checkpointEvery} when the head moved.
     */
    public record Audit(Path keyFile, Path checkpointFile, Duration checkpointEvery, boolean keyExistingLog) {
    }

    /**
     * Who may fetch a Host credential ({@code /host/credential}): anyone ({@code open}, so that
     * the download page can build a Host for any visitor), or only a signed-in help-desk account
     * ({@code required}: the Host then asks for a user name and password).
     */
    public enum HostCredentialSignIn {
        OPEN, REQUIRED;

        static HostCredentialSignIn parse(String value) {
            if (value == null) {
                return OPEN;
            }
            return switch (value) {
                case "open" -> OPEN;
                case "required" -> REQUIRED;
                default -> throw new IllegalArgumentException("deskside.host.credential-sign-in is 'open' or 'required', not '" + value + "'");
            };
        }
    }

    public static GatewaySettings fromEnvironment() {
        Map<String, String> env = System.getenv();
        return from(key -> {
            String value = System.getProperty(key);
            return value != null ? value : env.get(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        });
    }

    public static GatewaySettings from(Function<String, String> source) {
        Reader r = new Reader(source);
        Duration ttl = r.duration("deskside.ticket.ttl", Duration.ofMinutes(10));
        Duration minTtl = r.duration("deskside.ticket.min-ttl", Duration.ofSeconds(5));
        Duration maxTtl = r.duration("deskside.ticket.max-ttl", Duration.ofHours(24));
        if (ttl.compareTo(minTtl) < 0 || ttl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("deskside.ticket.ttl must lie between deskside.ticket.min-ttl and deskside.ticket.max-ttl");
        }
        int delayAfter = r.integer("deskside.guess.free-attempts", 3, 1, 100);
        int lockAfter = r.integer("deskside.guess.lockout-after", 10, 2, 1000);
        if (lockAfter <= delayAfter) {
            throw new IllegalArgumentException("deskside.guess.lockout-after must be greater than deskside.guess.free-attempts");
        }
        Path dataDir = r.path("deskside.data-dir", Path.of(System.getProperty("user.home"), ".deskside"));
        return new GatewaySettings(ttl, minTtl, maxTtl,
                r.duration("deskside.queue.timeout", Duration.ofMinutes(30)),
                r.integer("deskside.password.iterations", 600_000, 10_000, 10_000_000),
                delayAfter, lockAfter,
                r.duration("deskside.guess.lockout", Duration.ofMinutes(15)),
                r.integer("deskside.guess.node-per-minute", 30, 1, 1_000_000),
                dataDir,
                tunnel(r),
                hostCredentialLifetime(r),
                HostCredentialSignIn.parse(r.raw("deskside.host.credential-sign-in")),
                node(r),
                limits(r),
                audit(r, dataDir));
    }

    /** A Host runs right after its download: a day by default, a week at most. */
    private static Duration hostCredentialLifetime(Reader r) {
        Duration d = r.duration("deskside.host.credential-lifetime", Duration.ofDays(1));
        if (d.compareTo(Duration.ofDays(7)) > 0 || d.compareTo(Duration.ofMinutes(5)) < 0) {
            throw new IllegalArgumentException("deskside.host.credential-lifetime is 5 minutes to 7 days");
        }
        return d;
    }

    private static Limits limits(Reader r) {
        int free = r.integer("deskside.login.free-failures", 5, 1, 100);
        int lockAfter = r.integer("deskside.login.lockout-after", 20, 2, 1000);
        if (lockAfter <= free) {
            throw new IllegalArgumentException("deskside.login.lockout-after must be greater than deskside.login.free-failures");
        }
        return new Limits(free, lockAfter,
                r.duration("deskside.login.lockout", Duration.ofMinutes(15)),
                r.integer("deskside.login.checks-at-once", 4, 1, 64),
                r.integer("deskside.queue.max-waiting-per-source", 100, 1, 1_000_000),
                r.integer("deskside.queue.asks-per-minute", 60, 1, 1_000_000),
                r.integer("deskside.queue.max-waiting", 10_000, 1, 1_000_000),
                r.integer("deskside.tunnel.max-hosts-per-source", 200, 1, 1_000_000),
                r.integer("deskside.tunnel.max-hosts", 10_000, 1, 1_000_000),
                r.duration("deskside.tunnel.ask-within", Duration.ofMinutes(2)),
                r.integer("deskside.host.credentials-per-hour", 30, 1, 1_000_000));
    }

    /** This node's name in a cluster: {@code deskside.node}, else the server's node name, else the host name. */
    private static String node(Reader r) {
        String n = r.raw("deskside.node");
        if (n == null) {
            n = System.getProperty("jboss.node.name");
        }
        if (n == null || n.isBlank()) {
            try {
                n = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                n = "gateway";
            }
        }
        n = n.strip();
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    private static Tunnel tunnel(Reader r) {
        Duration heartbeat = r.duration("deskside.tunnel.heartbeat", Duration.ofSeconds(1));
        Duration silence = r.duration("deskside.tunnel.silence", Duration.ofSeconds(10));
        if (silence.compareTo(heartbeat.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("deskside.tunnel.silence must be at least three deskside.tunnel.heartbeat");
        }
        if (heartbeat.toSeconds() < 1 || heartbeat.toSeconds() > 60) {
            throw new IllegalArgumentException("deskside.tunnel.heartbeat is 1 to 60 seconds");
        }
        Duration longPoll = r.duration("deskside.tunnel.long-poll", Duration.ofSeconds(25));
        if (longPoll.compareTo(Duration.ofSeconds(25)) > 0) {
            throw new IllegalArgumentException("deskside.tunnel.long-poll is at most 25 seconds: proxies cut idle requests");
        }
        String proxied = r.raw("deskside.tunnel.proxied");
        if (proxied != null && !proxied.equals("transaction") && !proxied.equals("any")) {
            throw new IllegalArgumentException("deskside.tunnel.proxied is 'transaction' or 'any', not '" + proxied + "'");
        }
        return new Tunnel(r.duration("deskside.tunnel.grace", Duration.ofSeconds(30)), heartbeat, silence, longPoll,
                "any".equals(proxied));
    }

    /** Beside the rest of Deskside's files unless set; {@code configure.cli} puts the key with the server's configuration. */
    private static Audit audit(Reader r, Path dataDir) {
        Duration every = r.duration("deskside.audit.checkpoint-every", Duration.ofMinutes(1));
        if (every.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("deskside.audit.checkpoint-every is at least 5 seconds, not " + every);
        }
        return new Audit(r.path("deskside.audit.key-file", dataDir.resolve("deskside-audit.key")),
                r.path("deskside.audit.checkpoint-file", dataDir.resolve("audit-checkpoint")), every,
                "existing-log".equals(r.raw("deskside.audit.new-key")));
    }

    private record Reader(Function<String, String> source) {

        String raw(String key) {
            String v = source.apply(key);
            return v == null || v.isBlank() ? null : v.strip();
        }

        Duration duration(String key, Duration fallback) {
            String v = raw(key);
            if (v == null) {
                return fallback;
            }
            try {
                Duration d = v.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException(key + " must be positive, not '" + v + "'");
                }
                return d;
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException(key + " is a duration like PT10M or a number of seconds, not '" + v + "'");
            }
        }

        int integer(String key, int fallback, int min, int max) {
            String v = raw(key);
            if (v == null) {
                return fallback;
            }
            try {
                int i = Integer.parseInt(v);
                if (i < min || i > max) {
                    throw new IllegalArgumentException(key + " must lie between " + min + " and " + max + ", not " + i);
                }
                return i;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " is a whole number, not '" + v + "'");
            }
        }

        Path path(String key, Path fallback) {
            String v = raw(key);
            return v == null ? fallback : Path.of(v);
        }
    }
}
