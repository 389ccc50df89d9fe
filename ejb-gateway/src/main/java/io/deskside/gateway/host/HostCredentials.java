package io.deskside.gateway.host;

import io.deskside.gateway.audit.Event;
import io.deskside.gateway.audit.EventLog;
import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.error.TooManyAttempts;
import io.deskside.gateway.security.RateLimiter;
import io.deskside.edge.port.PeerOrigin;
import io.deskside.persistence.audit.EventType;
import io.deskside.persistence.host.HostKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway credentials a Host carries: what lets a Host open a tunnel at all. The download
 * page hands each Host download a credential, {@code h1.<key>.<expires>.<mac>}: an expiry and
 * an HMAC-SHA-256 over it with one of the gateway's host keys (256 random bits, in the
 * database, so every node of a cluster checks the same). A hello without a valid credential
 * opens nothing and gets nothing relayed.
 *
 * <p>A credential proves only that someone fetched it from this help desk's download site within
 * its lifetime: not who runs the Host (end users are anonymous until a technician takes their
 * request), nor that it is a genuine Host. What it buys is that the relay serves only Hosts
 * from this deployment's download, that a credential ages out
 * ({@code deskside.host.credential-lifetime}, a day), that one address can fetch only so many
 * ({@code deskside.host.credentials-per-hour}), so a hoard made before a key rotation is gone
 * with it and cannot be refilled at once, and that an operator can revoke every Host
 * downloaded so far by rotating the keys. Checking needs no database: the live keys
 * are held here and reloaded every {@value #RELOAD_SECONDS} seconds, so a rotation on one node
 * reaches the others within that time.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HostCredentials {

    static final String VERSION = "h1";
    static final int RELOAD_SECONDS = 30;
    /** Longer than any credential this class issues: a longer text is refused unread. */
    static final int MAX_LENGTH = 128;
    private static final Logger LOG = Logger.getLogger(HostCredentials.class.getName());

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @Inject
    GatewaySettings settings;

    @EJB
    EventLog events;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    private final SecureRandom random = new SecureRandom();
    /** The live keys by id, and the newest, which signs. */
    private volatile Keys keys = new Keys(Map.of(), null);
    /** Every load or rotation takes a number; only a newer one may replace what is held. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private long published;
    private volatile long lastEagerReload;
    private ScheduledFuture<?> reloader;
    /** Credentials issued per source address. */
    private RateLimiter issued;

    /** A credential for one Host download, and when it stops working. */
    public record Credential(String text, Instant expires) {
        @Override
        public String toString() {
            return "Credential[expires " + expires + "]";
        }
    }

    private record Keys(Map<Long, byte[]> byId, Long newest) {
    }

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void start() {
        issued = new RateLimiter(settings.limits().hostCredentialsPerHour(), Duration.ofHours(1));
        if (em.createNamedQuery(HostKey.LIVE, HostKey.class).setMaxResults(1).getResultList().isEmpty()) {
            em.persist(newKey());
            em.flush();
            LOG.info("Created the first key for Host credentials");
        }
        publish(generation.incrementAndGet(), load());
        reloader = scheduler.scheduleWithFixedDelay(this::reload, RELOAD_SECONDS, RELOAD_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (reloader != null) {
            reloader.cancel(false);
        }
    }

    /**
     * A fresh credential, signed with the newest key, for a download from {@code source}; throws
     * {@link TooManyAttempts} when that address has had its hour's worth.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Credential issue(String source) {
        Duration wait = issued.take(PeerOrigin.guessGroup(source), Instant.now());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new TooManyAttempts(Duration.ofSeconds(seconds),
                    "this address has downloaded " + settings.limits().hostCredentialsPerHour()
                            + " Hosts in the last hour; try again in " + seconds + " s");
        }
        Keys k = keys;
        Instant expires = Instant.now().plus(settings.hostCredentialLifetime()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new Credential(sign(k.byId().get(k.newest()), k.newest(), expires.getEpochSecond()), expires);
    }

    /**
     * Null when {@code presented} is a credential this gateway issued, not expired, under a live
     * key; else why not, in words for the Host's user. Never touches the database.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String refusal(String presented) {
        Keys k = keys;
        String why = refusal(k.byId(), presented, Instant.now().getEpochSecond());
        String[] parts = why == null || k.newest() == null ? null : parts(presented);
        if (parts != null && Long.parseLong(parts[1]) > k.newest()) {
            // Signed with a key another node made moments ago: fetch it, at most once a second.
            long now = System.nanoTime();
            if (now - lastEagerReload > 1_000_000_000L) {
                lastEagerReload = now;
                scheduler.execute(this::reload);
            }
            return "this help desk's keys changed moments ago: try again in a minute";
        }
        return why;
    }

    /** Version, key id, expiry and MAC of a well-formed credential (numbers that parse); null for anything else. */
    private static String[] parts(String presented) {
        if (presented == null || presented.length() > MAX_LENGTH) {
            return null;
        }
        String[] parts = presented.split("\\.", -1);
        boolean wellFormed = parts.length == 4 && parts[0].equals(VERSION) && parts[1].matches("[1-9][0-9]{0,17}")
                && parts[2].matches("[0-9]{1,12}");
        return wellFormed ? parts : null;
    }

    /** {@code h1.<key id>.<expires, epoch seconds>.<HMAC-SHA-256 of what comes before, base64url>}. */
    static String sign(byte[] key, long keyId, long expiresEpochSecond) {
        String signed = VERSION + "." + keyId + "." + expiresEpochSecond;
        return signed + "." + mac(key, signed);
    }

    /** The check itself: the MAC compared in constant time, then the expiry. */
    static String refusal(Map<Long, byte[]> keys, String presented, long nowEpochSecond) {
        if (presented == null || presented.isEmpty()) {
            return "this Host has no credential for this help desk: download it again from the help desk's page";
        }
        String[] parts = parts(presented);
        if (parts == null) {
            return "this Host's credential is not one this help desk issues: download the Host again";
        }
        long keyId = Long.parseLong(parts[1]);
        long expires = Long.parseLong(parts[2]);
        byte[] key = keys.get(keyId);
        String expected = key == null ? null : sign(key, keyId, expires);
        // A comparison that takes as long for any mismatch; no early way out on an unknown key either.
        boolean same = MessageDigest.isEqual(
                (expected == null ? "" : expected).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
        if (key == null || !same) {
            return "this Host's credential was revoked or is not this help desk's: download the Host again";
        }
        if (nowEpochSecond >= expires) {
            return "this Host's credential has expired: download the Host again";
        }
        return null;
    }

    /**
     * Retires every key and makes a new one: every Host downloaded before can no longer open a
     * tunnel (tunnels already open carry on). Logged as {@code HOST_KEY_ROTATED}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void rotate(String actor) {
        Instant now = Instant.now();
        List<HostKey> live = em.createNamedQuery(HostKey.LIVE, HostKey.class).getResultList();
        live.forEach(k -> k.retire(now));
        HostKey fresh = newKey();
        em.persist(fresh);
        em.flush();
        events.append(Event.of(EventType.HOST_KEY_ROTATED, actor).detail(live.size() + " key(s) retired"));
        // Held only once committed: a rolled-back rotation changes nothing, and a reload that read
        // the old keys before the commit is overtaken by one that starts after it.
        Keys next = new Keys(Map.of(fresh.id(), Base64.getUrlDecoder().decode(fresh.secret())), fresh.id());
        long number = generation.incrementAndGet();
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    publish(number, next);
                    scheduler.execute(HostCredentials.this::reload);
                }
            }
        });
    }

    /** Picks up keys made or retired on another node. */
    private void reload() {
        try {
            long number = generation.incrementAndGet();
            publish(number, load());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not reload the host keys; keeping the ones held", e);
        }
    }

    private synchronized void publish(long number, Keys k) {
        if (number > published) {
            published = number;
            keys = k;
        }
    }

    private Keys load() {
        List<HostKey> live = em.createNamedQuery(HostKey.LIVE, HostKey.class).getResultList();
        if (live.isEmpty()) {
            return keys;
        }
        Map<Long, byte[]> byId = live.stream().collect(Collectors.toUnmodifiableMap(HostKey::id,
                (Function<HostKey, byte[]>) k -> Base64.getUrlDecoder().decode(k.secret())));
        return new Keys(byId, live.get(live.size() - 1).id());
    }

    private HostKey newKey() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return new HostKey(Base64.getUrlEncoder().withoutPadding().encodeToString(secret), Instant.now());
    }

    private static String mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is missing from this JDK", e);
        }
    }
}
