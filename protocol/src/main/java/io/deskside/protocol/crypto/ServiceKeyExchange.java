package io.deskside.protocol.crypto;

import io.deskside.protocol.session.SessionContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A help-service session's key exchange, where there is no ticket secret: an ephemeral X25519
 * agreement (JDK) through the gateway, authenticated by a six-digit verification code that the
 * end user and the technician read to each other.
 *
 * <p>A gateway in the middle runs one agreement with each side; it wins only if both sides show
 * the same code. Were the public keys simply swapped, it could grind keys of its own until the
 * two codes matched (a few thousand tries). So the Host commits first and opens last, as ZRTP
 * does (RFC 6189, section 4.4.1.1):
 * <ol>
 * <li>Host → Guest: {@code SHA-256(label, context, host key, host nonce)}, a commitment;</li>
 * <li>Guest → Host: the Guest's public key, sent only once it holds the commitment;</li>
 * <li>Host → Guest: the Host's public key and nonce, opening the commitment, and the Host's key
 *     confirmation;</li>
 * <li>Guest → Host: the Guest's key confirmation.</li>
 * </ol>
 * By the time a middleman learns the Host's key, it has committed to the key it shows the Guest
 * and has sent the key it shows the Host: each code is then fixed, and they agree by chance,
 * once in a million sessions. The code, the confirmations and the session keys all derive from
 * the whole transcript (context, both keys, the nonce), and each message is checked in order;
 * anything changed on the way fails the exchange with {@link KeyExchangeFailed}.
 */
public final class ServiceKeyExchange {

    static final int PUBLIC_KEY_BYTES = 44; // X.509 encoding of an X25519 key
    static final int NONCE_BYTES = 32;
    static final int HASH_BYTES = 32;
    static final int REVEAL_BYTES = PUBLIC_KEY_BYTES + NONCE_BYTES + HASH_BYTES;

    private ServiceKeyExchange() {
    }

    public static HostSide host(SessionContext context) {
        return new HostSide(context.bytes());
    }

    public static GuestSide guest(SessionContext context) {
        return new GuestSide(context.bytes());
    }

    /** What the Guest sends last, and the keys it now shares with the Host. */
    public record Finished(byte[] confirmation, SessionKeys keys) {
    }

    /** The Host's side: it commits (round 1), opens and confirms (round 3), then checks (after round 4). */
    public static final class HostSide {
        private final byte[] context;
        private final KeyPair pair = newPair();
        private final byte[] publicKey = pair.getPublic().getEncoded();
        private final byte[] nonce = random(NONCE_BYTES);
        private boolean committed;
        private boolean revealed;
        private boolean finished;
        private Agreement agreement;

        private HostSide(byte[] context) {
            this.context = context;
        }

        /** Round 1: a commitment to this side's key and nonce; nothing of either is given away. */
        public synchronized byte[] commitment() {
            if (committed) {
                throw new IllegalStateException("the commitment was sent already");
            }
            committed = true;
            return commit(context, publicKey, nonce);
        }

        /** Round 3: given the Guest's key (round 2), opens the commitment and confirms the agreement. */
        public synchronized byte[] reveal(byte[] guestKey) throws KeyExchangeFailed {
            if (!committed || revealed) {
                throw new IllegalStateException("the Host opens its commitment once, after sending it");
            }
            revealed = true;
            agreement = Agreement.of(pair, guestKey, transcript(context, publicKey, guestKey, nonce));
            return ByteBuffer.allocate(REVEAL_BYTES).put(publicKey).put(nonce).put(agreement.confirmation("HOST")).array();
        }

        /** After round 4: the Guest's confirmation checks, and the session keys and code are ready. */
        public synchronized SessionKeys finish(byte[] guestConfirmation) throws KeyExchangeFailed {
            if (agreement == null || finished) {
                throw new KeyExchangeFailed("the Guest's confirmation came out of turn");
            }
            finished = true;
            agreement.check("GUEST", guestConfirmation);
            return agreement.keys();
        }

        /** The code this side would show with that Guest key: what a middleman knows of its own fakes. */
        String codeWith(byte[] guestKey) throws KeyExchangeFailed {
            return Agreement.of(pair, guestKey, transcript(context, publicKey, guestKey, nonce)).code();
        }
    }

    /** The Guest's side: it answers the commitment with its key (round 2), then checks and confirms (round 4). */
    public static final class GuestSide {
        private final byte[] context;
        private final KeyPair pair = newPair();
        private final byte[] publicKey = pair.getPublic().getEncoded();
        private byte[] commitment;
        private boolean finished;

        private GuestSide(byte[] context) {
            this.context = context;
        }

        /** Round 2: this side's public key, given only in answer to the Host's commitment. */
        public synchronized byte[] answer(byte[] hostCommitment) throws KeyExchangeFailed {
            if (commitment != null) {
                throw new IllegalStateException("the Guest answers one commitment");
            }
            if (hostCommitment == null || hostCommitment.length != HASH_BYTES) {
                throw new KeyExchangeFailed("the Host's commitment has the wrong size");
            }
            commitment = hostCommitment.clone();
            return publicKey.clone();
        }

        /**
         * Round 4: checks that the Host's key and nonce (round 3) open its commitment and that its
         * confirmation is right; then returns this side's confirmation and the session keys.
         */
        public synchronized Finished finish(byte[] hostReveal) throws KeyExchangeFailed {
            if (commitment == null || finished) {
                throw new KeyExchangeFailed("the Host's key came out of turn");
            }
            finished = true;
            if (hostReveal == null || hostReveal.length != REVEAL_BYTES) {
                throw new KeyExchangeFailed("the Host's key message has the wrong size");
            }
            byte[] hostKey = Arrays.copyOfRange(hostReveal, 0, PUBLIC_KEY_BYTES);
            byte[] nonce = Arrays.copyOfRange(hostReveal, PUBLIC_KEY_BYTES, PUBLIC_KEY_BYTES + NONCE_BYTES);
            byte[] hostConfirmation = Arrays.copyOfRange(hostReveal, PUBLIC_KEY_BYTES + NONCE_BYTES, REVEAL_BYTES);
            if (!MessageDigest.isEqual(commit(context, hostKey, nonce), commitment)) {
                throw new KeyExchangeFailed("the Host's key does not open the commitment it made: someone in between changed it");
            }
            Agreement agreement = Agreement.of(pair, hostKey, transcript(context, hostKey, publicKey, nonce));
            agreement.check("HOST", hostConfirmation);
            return new Finished(agreement.confirmation("GUEST"), agreement.keys());
        }

        /** The code this side would show with that Host key and nonce, commitment and confirmation aside. */
        String codeWith(byte[] hostReveal) throws KeyExchangeFailed {
            byte[] hostKey = Arrays.copyOfRange(hostReveal, 0, PUBLIC_KEY_BYTES);
            byte[] nonce = Arrays.copyOfRange(hostReveal, PUBLIC_KEY_BYTES, PUBLIC_KEY_BYTES + NONCE_BYTES);
            return Agreement.of(pair, hostKey, transcript(context, hostKey, publicKey, nonce)).code();
        }
    }

    /** The agreed secret and the transcript it is bound to. */
    private static final class Agreement {
        private final byte[] secret;
        private final byte[] transcript;
        private final byte[] confirmKey;

        private Agreement(byte[] secret, byte[] transcript) {
            this.secret = secret;
            this.transcript = transcript;
            this.confirmKey = SessionKeys.hkdf(secret, transcript, "deskside key confirmation", 32);
        }

        static Agreement of(KeyPair own, byte[] peerKey, byte[] transcript) throws KeyExchangeFailed {
            if (peerKey == null || peerKey.length != PUBLIC_KEY_BYTES) {
                throw new KeyExchangeFailed("the peer's public key has the wrong size");
            }
            byte[] secret;
            try {
                PublicKey peer = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(peerKey));
                KeyAgreement ka = KeyAgreement.getInstance("X25519");
                ka.init(own.getPrivate());
                ka.doPhase(peer, true);
                secret = ka.generateSecret();
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new KeyExchangeFailed("the peer's public key is not an X25519 key");
            }
            if (MessageDigest.isEqual(secret, new byte[secret.length])) {
                throw new KeyExchangeFailed("the peer's public key is degenerate");
            }
            return new Agreement(secret, transcript);
        }

        byte[] confirmation(String side) {
            return hmac(confirmKey, ("confirm " + side).getBytes(StandardCharsets.US_ASCII), transcript);
        }

        void check(String side, byte[] confirmation) throws KeyExchangeFailed {
            if (confirmation == null || !MessageDigest.isEqual(confirmation(side), confirmation)) {
                throw new KeyExchangeFailed("key confirmation failed: a message was changed on the way");
            }
        }

        String code() {
            return SessionKeys.derive(secret, transcript).verificationCode();
        }

        SessionKeys keys() {
            SessionKeys keys = SessionKeys.derive(secret, transcript);
            Arrays.fill(secret, (byte) 0);
            return keys;
        }
    }

    private static byte[] commit(byte[] context, byte[] hostKey, byte[] nonce) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("deskside service commitment v2".getBytes(StandardCharsets.US_ASCII));
            sha.update(lengthOf(context));
            sha.update(context);
            sha.update(hostKey);
            sha.update(nonce);
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] transcript(byte[] context, byte[] hostKey, byte[] guestKey, byte[] nonce) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes("deskside service session v2".getBytes(StandardCharsets.US_ASCII));
        t.writeBytes(lengthOf(context));
        t.writeBytes(context);
        t.writeBytes(hostKey);
        t.writeBytes(guestKey);
        t.writeBytes(nonce);
        return t.toByteArray();
    }

    private static byte[] lengthOf(byte[] b) {
        return ByteBuffer.allocate(4).putInt(b.length).array();
    }

    private static byte[] hmac(byte[] key, byte[] label, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(label);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static KeyPair newPair() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 has X25519", e);
        }
    }

    private static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
}
