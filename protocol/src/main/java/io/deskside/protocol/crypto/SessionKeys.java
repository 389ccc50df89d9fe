package io.deskside.protocol.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The two AES-256 keys of a session, one per direction, derived with HKDF-SHA-256 (RFC 5869)
 * from what the key exchange agreed, bound to the session's context. Also the short
 * verification code both sides can show, derived from the same secret.
 */
public final class SessionKeys {

    public static final int KEY_BYTES = 32;

    private final byte[] hostToGuest;
    private final byte[] guestToHost;
    private final String verificationCode;

    private SessionKeys(byte[] hostToGuest, byte[] guestToHost, String verificationCode) {
        this.hostToGuest = hostToGuest;
        this.guestToHost = guestToHost;
        this.verificationCode = verificationCode;
    }

    /** Derives both keys from the agreed secret; {@code context} names the session (never secret). */
    public static SessionKeys derive(byte[] agreed, byte[] context) {
        byte[] code = hkdf(agreed, context, "deskside verification code", 4);
        int number = ((code[0] & 0xFF) << 24 | (code[1] & 0xFF) << 16 | (code[2] & 0xFF) << 8 | (code[3] & 0xFF)) & 0x7FFFFFFF;
        String digits = String.format("%06d", number % 1_000_000);
        return new SessionKeys(hkdf(agreed, context, "deskside host to guest", KEY_BYTES),
                hkdf(agreed, context, "deskside guest to host", KEY_BYTES), digits.substring(0, 3) + " " + digits.substring(3));
    }

    public byte[] hostToGuest() {
        return hostToGuest.clone();
    }

    public byte[] guestToHost() {
        return guestToHost.clone();
    }

    /** Six digits, "123 456", that the end user and the technician can read to each other. */
    public String verificationCode() {
        return verificationCode;
    }

    /** The channel as the Host uses it: it sends host-to-guest and receives guest-to-host. */
    public SealedChannel forHost() {
        return new SealedChannel(hostToGuest, guestToHost);
    }

    public SealedChannel forGuest() {
        return new SealedChannel(guestToHost, hostToGuest);
    }

    static byte[] hkdf(byte[] secret, byte[] salt, String info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, salt, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }
}
