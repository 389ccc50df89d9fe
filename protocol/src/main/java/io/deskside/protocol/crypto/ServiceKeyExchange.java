package io.deskside.protocol.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One side of a help-service session's key exchange, where there is no ticket secret: an
 * ephemeral X25519 agreement (JDK) over the gateway, which authenticates both sides. A gateway
 * that swapped the keys could sit in the middle, so both sides show a six-digit verification
 * code derived from the whole exchange: the end user and the technician read it to each other,
 * and a man in the middle cannot make the two codes match. Round 1 sends the public key; round 2
 * a confirmation MAC over the transcript, so a garbled exchange fails before any data flows.
 */
public final class ServiceKeyExchange {

    static final int PUBLIC_KEY_BYTES = 44; // X.509 encoding of an X25519 key

    private final TicketKeyExchange.Side side;
    private final byte[] context;
    private final KeyPair pair;
    private byte[] transcript;
    private byte[] confirmKey;
    private byte[] agreed;

    public ServiceKeyExchange(TicketKeyExchange.Side side, byte[] context) {
        this.side = side;
        this.context = context.clone();
        try {
            this.pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 has X25519", e);
        }
    }

    public byte[] round1() {
        return pair.getPublic().getEncoded();
    }

    public byte[] round2(byte[] peerPublicKey) throws KeyExchangeFailed {
        if (peerPublicKey == null || peerPublicKey.length != PUBLIC_KEY_BYTES) {
            throw new KeyExchangeFailed("the peer's public key has the wrong size");
        }
        try {
            PublicKey peer = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(peerPublicKey));
            KeyAgreement ka = KeyAgreement.getInstance("X25519");
            ka.init(pair.getPrivate());
            ka.doPhase(peer, true);
            agreed = ka.generateSecret();
            if (MessageDigest.isEqual(agreed, new byte[agreed.length])) {
                throw new KeyExchangeFailed("the peer's public key is degenerate");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyExchangeFailed("the peer's public key is not an X25519 key");
        }
        byte[] hostKey = side == TicketKeyExchange.Side.HOST ? round1() : peerPublicKey;
        byte[] guestKey = side == TicketKeyExchange.Side.HOST ? peerPublicKey : round1();
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes("deskside service session v1".getBytes(StandardCharsets.US_ASCII));
        t.writeBytes(context);
        t.writeBytes(hostKey);
        t.writeBytes(guestKey);
        transcript = t.toByteArray();
        confirmKey = SessionKeys.hkdf(agreed, transcript, "deskside key confirmation", 32);
        return mac(confirmKey, tag(side));
    }

    /** Checks the peer's confirmation and derives the session keys and the verification code. */
    public SessionKeys finish(byte[] peerConfirmation) throws KeyExchangeFailed {
        if (transcript == null) {
            throw new KeyExchangeFailed("the confirmation came before the exchange was done");
        }
        TicketKeyExchange.Side peer = side == TicketKeyExchange.Side.HOST ? TicketKeyExchange.Side.GUEST : TicketKeyExchange.Side.HOST;
        if (peerConfirmation == null || !MessageDigest.isEqual(mac(confirmKey, tag(peer)), peerConfirmation)) {
            throw new KeyExchangeFailed("key confirmation failed: a message was changed on the way");
        }
        SessionKeys keys = SessionKeys.derive(agreed, transcript);
        java.util.Arrays.fill(agreed, (byte) 0);
        return keys;
    }

    private byte[] tag(TicketKeyExchange.Side s) {
        byte[] label = ("confirm " + s.name()).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[label.length + transcript.length];
        System.arraycopy(label, 0, out, 0, label.length);
        System.arraycopy(transcript, 0, out, label.length, transcript.length);
        return out;
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
