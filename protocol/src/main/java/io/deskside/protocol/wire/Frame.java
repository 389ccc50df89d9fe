package io.deskside.protocol.wire;

import java.util.Objects;

/**
 * One frame: a type, the stream it belongs to (0 for the connection itself) and its payload.
 * On the wire it is an 8-byte header, version (1 byte), type (1), stream (2, unsigned) and
 * payload length (4), followed by the payload. The payload array is the frame's own.
 */
public record Frame(FrameType type, int stream, byte[] payload) {

    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 8;
    /** The largest payload: bigger screen updates and files travel in several frames. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;
    public static final int MAX_STREAM = 0xFFFF;

    public Frame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (stream < 0 || stream > MAX_STREAM) {
            throw new IllegalArgumentException("stream is 0 to " + MAX_STREAM);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload is at most " + MAX_PAYLOAD_BYTES + " bytes");
        }
    }

    public int encodedLength() {
        return HEADER_BYTES + payload.length;
    }

    /** The frame as bytes on the wire. */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        out[0] = (byte) VERSION;
        out[1] = (byte) type.code();
        out[2] = (byte) (stream >>> 8);
        out[3] = (byte) stream;
        out[4] = (byte) (payload.length >>> 24);
        out[5] = (byte) (payload.length >>> 16);
        out[6] = (byte) (payload.length >>> 8);
        out[7] = (byte) payload.length;
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.type == type && f.stream == stream && java.util.Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, stream, java.util.Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Frame[" + type + ", stream " + stream + ", " + payload.length + " bytes]";
    }
}
