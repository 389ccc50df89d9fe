package io.deskside.protocol.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The field encodings inside frame payloads: big-endian integers, and strings and byte blocks
 * with a 2- or 4-byte length in front. Reading is strict: every length is checked against the
 * field's own bound and against what is really there, strings must be valid UTF-8 without
 * control characters, and a payload must end exactly where its last field ends.
 */
final class Payload {

    private Payload() {
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer u8(int v) {
            out.write(v);
            return this;
        }

        Writer u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Writer u32(long v) {
            return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
        }

        Writer u64(long v) {
            return u32(v >>> 32).u32(v & 0xFFFFFFFFL);
        }

        Writer string(String s, int max) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > max) {
                throw new IllegalArgumentException("a string field is at most " + max + " bytes");
            }
            u16(b.length);
            out.writeBytes(b);
            return this;
        }

        Writer bytes(byte[] b, int max) {
            if (b.length > max) {
                throw new IllegalArgumentException("a byte field is at most " + max + " bytes");
            }
            u32(b.length);
            out.writeBytes(b);
            return this;
        }

        /** The rest of the payload, unframed. */
        Writer rest(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] done() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final ByteBuffer in;
        private final FrameType type;

        Reader(Frame frame) {
            this.in = frame.payloadBuffer();
            this.type = frame.type();
        }

        private void need(int n) throws ProtocolException {
            if (in.remaining() < n) {
                throw malformed("is truncated");
            }
        }

        int u8() throws ProtocolException {
            need(1);
            return in.get() & 0xFF;
        }

        int u16() throws ProtocolException {
            need(2);
            return in.getShort() & 0xFFFF;
        }

        long u32() throws ProtocolException {
            need(4);
            return in.getInt() & 0xFFFFFFFFL;
        }

        long u64() throws ProtocolException {
            need(8);
            return in.getLong();
        }

        String string(int max) throws ProtocolException {
            int n = u16();
            if (n > max) {
                throw malformed("has a text field longer than " + max + " bytes");
            }
            need(n);
            ByteBuffer slice = in.slice().limit(n);
            in.position(in.position() + n);
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(slice);
                String s = chars.toString();
                if (s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
                    throw malformed("has control characters in a text field");
                }
                return s;
            } catch (CharacterCodingException e) {
                throw malformed("has a text field that is not UTF-8");
            }
        }

        byte[] bytes(int max) throws ProtocolException {
            long n = u32();
            if (n > max) {
                throw malformed("has a byte field longer than " + max + " bytes");
            }
            need((int) n);
            byte[] b = new byte[(int) n];
            in.get(b);
            return b;
        }

        byte[] rest() {
            byte[] b = new byte[in.remaining()];
            in.get(b);
            return b;
        }

        void end() throws ProtocolException {
            if (in.hasRemaining()) {
                throw malformed("has " + in.remaining() + " bytes after its last field");
            }
        }

        ProtocolException malformed(String what) {
            return new ProtocolException(ProtocolException.Reason.MALFORMED, "a " + type + " frame " + what);
        }
    }
}
