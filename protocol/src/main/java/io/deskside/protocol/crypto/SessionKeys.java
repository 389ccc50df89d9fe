package io.deskside.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The two AES-256 keys of a session, one per direction, derived with HKDF-SHA-256 (RFC 5869)
 * from what the key exchange agreed, bound to the session's context; and the short
 * verification code both sides can show, derived from the same secret.
 *
 * <p>Each side takes one {@link SealedChannel} from it: a second channel would seal again from
 * sequence number 1, and under AES-GCM a repeated nonce gives the key stream away. So
 * {@link #forHost()} or {@link #forGuest()} works once, and the keys are wiped here as soon as
 * the channel has them: the raw keys can be read (to wrap them for an auditor's recording
 * certificate, say) only before that.
 */
public final class SessionKeys {

    public static final int KEY_BYTES = 32;

    private byte[] hostToGuest;
    private byte[] guestToHost;
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

    /** The host-to-guest key, only until the channel is handed out. */
    public synchronized byte[] hostToGuest() {
        return raw(hostToGuest);
    }

    /** The guest-to-host key, only until the channel is handed out. */
    public synchronized byte[] guestToHost() {
        return raw(guestToHost);
    }

    private static byte[] raw(byte[] key) {
        if (key == null) {
            throw new IllegalStateException("this session's channel was handed out: its keys are gone");
        }
        return key.clone();
    }

    /** Six digits, "123 456", that the end user and the technician can read to each other. */
    public String verificationCode() {
        return verificationCode;
    }

    /** The channel as the Host uses it: it sends host-to-guest and receives guest-to-host. Once only. */
    public synchronized SealedChannel forHost() {
        return handOut(true);
    }

    /** The channel as the Guest uses it. Once only, and not after {@link #forHost()}. */
    public synchronized SealedChannel forGuest() {
        return handOut(false);
    }

    private SealedChannel handOut(boolean host) {
        if (hostToGuest == null) {
            throw new IllegalStateException("this session's channel was handed out already: its keys are gone");
        }
        SealedChannel channel = host ? new SealedChannel(hostToGuest, guestToHost) : new SealedChannel(guestToHost, hostToGuest);
        Arrays.fill(hostToGuest, (byte) 0);
        Arrays.fill(guestToHost, (byte) 0);
        hostToGuest = null;
        guestToHost = null;
        return channel;
    }

    static byte[] hkdf(byte[] secret, byte[] salt, String info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, salt, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }
}
