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
 * hash, so that a REST client sending Basic credentials on every call pays the hash once, not
 * per call. It keeps an HMAC of the pair under a key that lives only in this process's memory,
 * never the password. Bounded in size; forgotten for a login when its password changes.
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

    boolean knows(String login, char[] password) {
        Entry e = byLogin.get(login);
        if (e == null || clock.instant().isAfter(e.until())) {
            return false;
        }
        return MessageDigest.isEqual(e.mac(), mac(login, password));
    }

    void remember(String login, char[] password) {
        if (byLogin.size() >= MAX_ENTRIES) {
            evictExpiredOrAny();
        }
        byLogin.put(login, new Entry(mac(login, password), clock.instant().plus(TTL)));
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

    private record Entry(byte[] mac, Instant until) {
    }
}
