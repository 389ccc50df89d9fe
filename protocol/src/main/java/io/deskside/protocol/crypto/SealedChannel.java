package io.deskside.protocol.crypto;

import io.deskside.protocol.wire.ProtocolException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for one side of a session: one key to seal what it sends, another to open what it
 * receives. Each sealed record carries its sequence number (8 bytes) in front of the
 * ciphertext; the number is the GCM nonce, so a nonce never repeats under a key. The tunnel is
 * reliable and ordered, so the receiver accepts exactly the next number and nothing else: a
 * record that a relay dropped (a key press, a chat line), replayed or reordered is refused at
 * the next record that arrives. The stream number is authenticated too: a record cannot be moved
 * to another stream. The first refused record ends the channel: every later one is refused too,
 * and the session must end. A sender seals in the order it sends (one sending thread, or sealing
 * and queueing under one lock). Not thread-safe: one sender and one receiver thread at a time.
 */
public final class SealedChannel {

    public static final int OVERHEAD_BYTES = 8 + 16;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec sendKey;
    private final SecretKeySpec receiveKey;
    private long sent;
    private long received;
    private boolean broken;

    SealedChannel(byte[] sendKey, byte[] receiveKey) {
        this.sendKey = new SecretKeySpec(sendKey, "AES");
        this.receiveKey = new SecretKeySpec(receiveKey, "AES");
    }

    public byte[] seal(int stream, byte[] plaintext) {
        if (sent == Long.MAX_VALUE) {
            throw new IllegalStateException("this session has sent all the records one key may seal");
        }
        long seq = ++sent;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, sendKey, new GCMParameterSpec(TAG_BITS, nonce(seq)));
            c.updateAAD(aad(stream, seq));
            byte[] out = new byte[8 + c.getOutputSize(plaintext.length)];
            ByteBuffer.wrap(out).putLong(seq);
            c.doFinal(plaintext, 0, plaintext.length, out, 8);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    /** Opens a record; anything altered, replayed, reordered or moved between streams is refused. */
    public byte[] open(int stream, byte[] record) throws ProtocolException {
        if (record.length < OVERHEAD_BYTES) {
            broken = true;
            throw new ProtocolException(ProtocolException.Reason.MALFORMED, "a sealed record is too short");
        }
        if (broken) {
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER, "an earlier sealed record was refused: this channel is closed");
        }
        long seq = ByteBuffer.wrap(record).getLong();
        if (seq != received + 1) {
            broken = true;
            throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER, seq <= received
                    ? "a sealed record came again or out of order"
                    : "sealed records are missing: " + (seq - received - 1) + " before this one never arrived");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, receiveKey, new GCMParameterSpec(TAG_BITS, nonce(seq)));
            c.updateAAD(aad(stream, seq));
            byte[] plain = c.doFinal(record, 8, record.length - 8);
            received = seq;
            return plain;
        } catch (AEADBadTagException e) {
            broken = true;
            throw new ProtocolException(ProtocolException.Reason.MALFORMED, "a sealed record was altered or sealed with another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    private static byte[] nonce(long seq) {
        return ByteBuffer.allocate(12).putInt(0).putLong(seq).array();
    }

    private static byte[] aad(int stream, long seq) {
        return ByteBuffer.allocate(14).put((byte) 'D').put((byte) 'S').putInt(stream).putLong(seq).array();
    }
}
