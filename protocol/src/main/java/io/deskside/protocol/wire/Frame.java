package io.deskside.protocol.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One frame: a type, the stream it belongs to (0 for the connection itself) and its payload.
 * On the wire it is an 8-byte header, version (1 byte), type (1), stream (2, unsigned) and
 * payload length (4), followed by the payload.
 *
 * <p>A frame holds its wire form and nothing else, so a relay passes a frame on without
 * copying it: {@link #encode()} hands out that one array. Nobody may change it.
 */
public final class Frame {

    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 8;
    /** The largest payload: bigger screen updates and files travel in several frames. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;
    public static final int MAX_STREAM = 0xFFFF;

    private final FrameType type;
    private final byte[] wire;

    /** A frame with a copy of {@code payload}. */
    public Frame(FrameType type, int stream, byte[] payload) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (stream < 0 || stream > MAX_STREAM) {
            throw new IllegalArgumentException("stream is 0 to " + MAX_STREAM);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload is at most " + MAX_PAYLOAD_BYTES + " bytes");
        }
        this.type = type;
        this.wire = new byte[HEADER_BYTES + payload.length];
        header(wire, type, stream, payload.length);
        System.arraycopy(payload, 0, wire, HEADER_BYTES, payload.length);
    }

    /** A frame over a wire form whose header {@link FrameDecoder} has checked; the array becomes the frame's. */
    Frame(FrameType type, byte[] wire) {
        this.type = type;
        this.wire = wire;
    }

    static void header(byte[] out, FrameType type, int stream, int length) {
        out[0] = (byte) VERSION;
        out[1] = (byte) type.code();
        out[2] = (byte) (stream >>> 8);
        out[3] = (byte) stream;
        out[4] = (byte) (length >>> 24);
        out[5] = (byte) (length >>> 16);
        out[6] = (byte) (length >>> 8);
        out[7] = (byte) length;
    }

    public FrameType type() {
        return type;
    }

    public int stream() {
        return ((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF);
    }

    public int payloadLength() {
        return wire.length - HEADER_BYTES;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return Arrays.copyOfRange(wire, HEADER_BYTES, wire.length);
    }

    /** The payload, read-only, without a copy. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(wire, HEADER_BYTES, wire.length - HEADER_BYTES).slice().asReadOnlyBuffer();
    }

    public int encodedLength() {
        return wire.length;
    }

    /** The frame as bytes on the wire: the frame's own array, not a copy. Never change it. */
    public byte[] encode() {
        return wire;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && Arrays.equals(f.wire, wire);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wire);
    }

    @Override
    public String toString() {
        return "Frame[" + type + ", stream " + stream() + ", " + payloadLength() + " bytes]";
    }
}
