package io.deskside.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a few minutes, that a login and password were just checked against their slow
 * hash, and the account they opened, so that a client sending Basic credentials on every call
 * (a REST script, a Guest's HTTP tunnel) pays neither the hash nor a database query per call. It
 * keeps an HMAC of the pair under a key that lives only in this process's memory, never the
 * password. Bounded in size; forgotten for a login when its account changes on this node (other
 * nodes of a cluster see a change within {@link #TTL}).
 */
final class VerifiedCredentials {

    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry> byLogin = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Clock clock;

    VerifiedCredentials(Clock clock) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.clock = clock;
    }

    /** The account, if this login and password opened it within the last {@link #TTL}. */
    java.util.Optional<Actor> account(String login, char[] password) {
        Entry e = byLogin.get(login);
        if (e == null || clock.instant().isAfter(e.until()) || !MessageDigest.isEqual(e.mac(), mac(login, password))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(e.actor());
    }

    /** The account a login opened within the last {@link #TTL}, for a request the container has just authenticated. */
    java.util.Optional<Actor> recent(String login) {
        Entry e = byLogin.get(login);
        return e == null || clock.instant().isAfter(e.until()) ? java.util.Optional.empty() : java.util.Optional.of(e.actor());
    }

    void remember(String login, char[] password, Actor actor) {
        java.util.Objects.requireNonNull(actor, "actor");
        if (byLogin.size() >= MAX_ENTRIES) {
            evictExpiredOrAny();
        }
        byLogin.put(login, new Entry(mac(login, password), clock.instant().plus(TTL), actor));
    }

    void forget(String login) {
        byLogin.remove(login);
    }

    private void evictExpiredOrAny() {
        Instant now = clock.instant();
        byLogin.values().removeIf(e -> now.isAfter(e.until()));
        Iterator<String> it = byLogin.keySet().iterator();
        while (byLogin.size() >= MAX_ENTRIES && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private byte[] mac(String login, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(login.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private record Entry(byte[] mac, Instant until, Actor actor) {
    }
}
