package io.deskside.protocol.desktop;

import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one desktop record, big-endian, strictly (the rules of the frame codec's
 * {@code Payload}, over the record's own buffer). A record comes from an authenticated but
 * possibly hostile peer, so nothing it claims is believed: every length is checked against its
 * field's bound and against what is really left <em>before</em> anything is allocated for it,
 * text must be strict UTF-8 (which refuses overlong forms and encoded surrogates, so it
 * re-encodes to the same bytes), and the record must end where its last field ends.
 */
final class DesktopReader {

    private final ByteBuffer in;
    private final DesktopType type;

    DesktopReader(DesktopType type, byte[] plaintext, int offset) {
        this.type = type;
        this.in = ByteBuffer.wrap(plaintext, offset, plaintext.length - offset).slice();
    }

    int remaining() {
        return in.remaining();
    }

    /** That {@code n} more bytes are there, or TRUNCATED: called before allocating for them. */
    void need(long n, String what) throws DesktopProtocolException {
        if (n > in.remaining()) {
            throw refuse(Reason.TRUNCATED, "ends inside " + what + " (" + n + " bytes claimed, " + in.remaining() + " left)");
        }
    }

    int u8() throws DesktopProtocolException {
        need(1, "a field");
        return in.get() & 0xFF;
    }

    int u16() throws DesktopProtocolException {
        need(2, "a field");
        return in.getShort() & 0xFFFF;
    }

    int i16() throws DesktopProtocolException {
        need(2, "a field");
        return in.getShort();
    }

    long u32() throws DesktopProtocolException {
        need(4, "a field");
        return in.getInt() & 0xFFFFFFFFL;
    }

    /** A u64 as Java's long: values of 2^63 and more come out negative, and every bound refuses them. */
    long u64() throws DesktopProtocolException {
        need(8, "a field");
        return in.getLong();
    }

    int rgb() throws DesktopProtocolException {
        need(3, "a colour");
        return (in.get() & 0xFF) << 16 | (in.get() & 0xFF) << 8 | in.get() & 0xFF;
    }

    /** Exactly {@code n} bytes, with no length in front. */
    byte[] fixed(int n, String what) throws DesktopProtocolException {
        need(n, what);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** {@code bytes32(max)}: a u32 length, then that many bytes, {@code min..max} of them. */
    byte[] bytes32(int min, int max, String what) throws DesktopProtocolException {
        long n = u32();
        if (n > max) {
            throw refuse(Reason.TOO_LARGE, "claims " + n + " bytes of " + what + ", more than " + max);
        }
        if (n < min) {
            throw refuse(Reason.OUT_OF_RANGE, "has " + n + " bytes of " + what + ", fewer than " + min);
        }
        return fixed((int) n, what);
    }

    /** {@code str(max)}: a u16 length, then strict UTF-8 with the field's control rule. */
    String str(int max, TextRule rule, String what) throws DesktopProtocolException {
        return text(u16(), max, rule, what);
    }

    /** {@code text32(max)}: a u32 length, then strict UTF-8 with the field's control rule. */
    String text32(int max, TextRule rule, String what) throws DesktopProtocolException {
        return text(u32(), max, rule, what);
    }

    private String text(long n, int max, TextRule rule, String what) throws DesktopProtocolException {
        if (n > max) {
            throw refuse(Reason.TOO_LARGE, "claims " + n + " bytes of " + what + ", more than " + max);
        }
        need(n, what);
        ByteBuffer slice = in.slice().limit((int) n);
        in.position(in.position() + (int) n);
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice)
                    .toString();
        } catch (CharacterCodingException e) {
            throw refuse(Reason.MALFORMED, "has " + what + " that is not UTF-8");
        }
        if (!rule.allowsAll(s)) {
            throw refuse(Reason.MALFORMED, "has control characters in " + what);
        }
        return s;
    }

    /** The record ends here, or TRAILING_BYTES. */
    void end() throws DesktopProtocolException {
        if (in.hasRemaining()) {
            throw refuse(Reason.TRAILING_BYTES, "has " + in.remaining() + " bytes after its last field");
        }
    }

    DesktopProtocolException refuse(Reason reason, String what) {
        return new DesktopProtocolException(reason, "a " + type + " record " + what);
    }
}
