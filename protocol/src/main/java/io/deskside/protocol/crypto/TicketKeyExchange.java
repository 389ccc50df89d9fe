package io.deskside.protocol.crypto;

import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.TicketSecret;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.jpake.JPAKEParticipant;
import org.bouncycastle.crypto.agreement.jpake.JPAKEPrimeOrderGroups;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound1Payload;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound2Payload;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound3Payload;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * One side of a ticket session's key exchange: J-PAKE (Bouncy Castle, NIST 3072-bit group,
 * SHA-256) with the ticket's six secret digits as the password. The gateway relays the three
 * rounds and learns nothing it could use: without the digits it can neither read the session
 * nor finish an exchange of its own, and any message it changes makes round 3 (key
 * confirmation) fail on both sides. Each side calls {@link #round1()}, then {@link #round2}
 * with the peer's round 1, then {@link #round3} with the peer's round 2, then {@link #finish}
 * with the peer's round 3. Messages are bounded and strictly parsed.
 *
 * <p>The session's context (which request, by which routing group, as the gateway named it to
 * each side) is part of each side's J-PAKE participant id, so it enters every zero-knowledge
 * proof and the key confirmation: two sides told different sessions fail at round 2 with
 * {@link KeyExchangeFailed}, which ends the session as {@code key_exchange_failed} and burns
 * the ticket, instead of agreeing on keys that open nothing.
 */
public final class TicketKeyExchange {

    public enum Side {
        HOST, GUEST;

        /** This side's J-PAKE participant id: its role, bound to the session it was told. */
        String id(byte[] contextDigest) {
            return (this == HOST ? "deskside-host " : "deskside-guest ") + Base64.getEncoder().withoutPadding().encodeToString(contextDigest);
        }

        Side peer() {
            return this == HOST ? GUEST : HOST;
        }
    }

    /** Big enough for any number of the 3072-bit group, small enough to bound a hostile message. */
    static final int MAX_NUMBER_BYTES = 400;
    static final int MAX_MESSAGE_BYTES = 8 * (MAX_NUMBER_BYTES + 2) + 64;

    private final Side side;
    private final byte[] context;
    private final String peerId;
    private final JPAKEParticipant participant;
    private BigInteger keyingMaterial;
    /** Once a step fails, the exchange is over: nothing of it is tried again. */
    private boolean failed;

    /** @param context the session as the gateway named it to this side; both sides must be told the same */
    public TicketKeyExchange(Side side, TicketSecret secret, SessionContext context) {
        this.side = side;
        this.context = context.bytes();
        byte[] digest = sha256(this.context);
        this.peerId = side.peer().id(digest);
        this.participant = new JPAKEParticipant(side.id(digest), secret.reveal().toCharArray(),
                JPAKEPrimeOrderGroups.NIST_3072, new SHA256Digest(), new SecureRandom());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public byte[] round1() {
        JPAKERound1Payload p = participant.createRound1PayloadToSend();
        return write(p.getGx1(), p.getGx2(), p.getKnowledgeProofForX1()[0], p.getKnowledgeProofForX1()[1],
                p.getKnowledgeProofForX2()[0], p.getKnowledgeProofForX2()[1]);
    }

    public byte[] round2(byte[] peerRound1) throws KeyExchangeFailed {
        return once(() -> round2Step(peerRound1));
    }

    /** A step of the exchange, which fails it for good. */
    private interface Step<T> {
        T run() throws KeyExchangeFailed;
    }

    private synchronized <T> T once(Step<T> step) throws KeyExchangeFailed {
        if (failed) {
            throw new KeyExchangeFailed("this key exchange failed already");
        }
        try {
            return step.run();
        } catch (KeyExchangeFailed e) {
            failed = true;
            throw e;
        }
    }

    private byte[] round2Step(byte[] peerRound1) throws KeyExchangeFailed {
        BigInteger[] n = read(peerRound1, 6);
        try {
            participant.validateRound1PayloadReceived(new JPAKERound1Payload(peerId, n[0], n[1],
                    new BigInteger[] {n[2], n[3]}, new BigInteger[] {n[4], n[5]}));
        } catch (CryptoException | RuntimeException e) {
            throw new KeyExchangeFailed("the peer's first key-exchange message does not check: it was changed, or the two sides were told different sessions");
        }
        JPAKERound2Payload p = participant.createRound2PayloadToSend();
        return write(p.getA(), p.getKnowledgeProofForX2s()[0], p.getKnowledgeProofForX2s()[1]);
    }

    public byte[] round3(byte[] peerRound2) throws KeyExchangeFailed {
        return once(() -> round3Step(peerRound2));
    }

    private byte[] round3Step(byte[] peerRound2) throws KeyExchangeFailed {
        BigInteger[] n = read(peerRound2, 3);
        try {
            participant.validateRound2PayloadReceived(new JPAKERound2Payload(peerId, n[0],
                    new BigInteger[] {n[1], n[2]}));
        } catch (CryptoException | RuntimeException e) {
            throw new KeyExchangeFailed("the peer's second key-exchange message does not check");
        }
        keyingMaterial = participant.calculateKeyingMaterial();
        return write(participant.createRound3PayloadToSend(keyingMaterial).getMacTag());
    }

    /** Checks the peer's key confirmation and derives the session keys; fails on a wrong secret. */
    public SessionKeys finish(byte[] peerRound3) throws KeyExchangeFailed {
        return once(() -> finishStep(peerRound3));
    }

    private SessionKeys finishStep(byte[] peerRound3) throws KeyExchangeFailed {
        BigInteger[] n = read(peerRound3, 1);
        if (keyingMaterial == null) {
            throw new KeyExchangeFailed("the key confirmation came before the exchange was done");
        }
        try {
            participant.validateRound3PayloadReceived(new JPAKERound3Payload(peerId, n[0]), keyingMaterial);
        } catch (CryptoException | RuntimeException e) {
            throw new KeyExchangeFailed("key confirmation failed: the ticket secret differs, or a message was changed");
        }
        byte[] agreed = keyingMaterial.toByteArray();
        ByteArrayOutputStream salt = new ByteArrayOutputStream();
        salt.writeBytes("deskside ticket session v1".getBytes(StandardCharsets.US_ASCII));
        salt.writeBytes(context);
        SessionKeys keys = SessionKeys.derive(agreed, salt.toByteArray());
        java.util.Arrays.fill(agreed, (byte) 0);
        keyingMaterial = null;
        return keys;
    }

    private static byte[] write(BigInteger... numbers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(numbers.length);
        for (BigInteger n : numbers) {
            byte[] b = n.toByteArray();
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static BigInteger[] read(byte[] message, int count) throws KeyExchangeFailed {
        if (message == null || message.length > MAX_MESSAGE_BYTES) {
            throw new KeyExchangeFailed("a key-exchange message is missing or too large");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(message);
            if ((in.get() & 0xFF) != count) {
                throw new KeyExchangeFailed("a key-exchange message has the wrong shape");
            }
            BigInteger[] numbers = new BigInteger[count];
            for (int i = 0; i < count; i++) {
                int length = in.getShort() & 0xFFFF;
                if (length == 0 || length > MAX_NUMBER_BYTES) {
                    throw new KeyExchangeFailed("a key-exchange number has a bad length");
                }
                byte[] b = new byte[length];
                in.get(b);
                // Signed, as Bouncy Castle makes them (a MAC tag may be negative); group membership
                // and ranges are checked by its validate methods.
                numbers[i] = new BigInteger(b);
            }
            if (in.hasRemaining()) {
                throw new KeyExchangeFailed("a key-exchange message has bytes after its end");
            }
            return numbers;
        } catch (BufferUnderflowException e) {
            throw new KeyExchangeFailed("a key-exchange message is truncated");
        }
    }
}
