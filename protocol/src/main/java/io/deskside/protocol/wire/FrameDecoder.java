package io.deskside.protocol.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a byte stream, in whatever pieces it arrives (WebSocket messages, HTTP chunks, long-poll
 * bodies), back into frames. It checks each header before it believes it, and holds only the
 * bytes that have really arrived: a header that claims a megabyte costs nothing until the
 * megabyte comes. After a {@link ProtocolException} the decoder is spent; the connection ends.
 * Not thread-safe: one decoder per connection direction.
 */
public final class FrameDecoder {

    private static final byte[] NONE = new byte[0];

    private final int maxPayload;
    private final byte[] header = new byte[Frame.HEADER_BYTES];
    private int headerFill;
    private FrameType type;
    private int length;
    /** The frame being read, header first, as long as what has arrived of it so far (or longer). */
    private byte[] wire = NONE;
    private int payloadFill;
    private boolean failed;

    public FrameDecoder() {
        this(Frame.MAX_PAYLOAD_BYTES);
    }

    public FrameDecoder(int maxPayload) {
        if (maxPayload < 0 || maxPayload > Frame.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("maxPayload is 0 to " + Frame.MAX_PAYLOAD_BYTES);
        }
        this.maxPayload = maxPayload;
    }

    public List<Frame> feed(byte[] bytes) throws ProtocolException {
        return feed(ByteBuffer.wrap(bytes));
    }

    /** Consumes all of {@code in} and returns the frames it completed, in order. */
    public List<Frame> feed(ByteBuffer in) throws ProtocolException {
        if (failed) {
            throw new ProtocolException(ProtocolException.Reason.MALFORMED, "the connection already broke the protocol");
        }
        List<Frame> frames = new ArrayList<>(2);
        try {
            while (in.hasRemaining()) {
                if (headerFill < Frame.HEADER_BYTES) {
                    int n = Math.min(in.remaining(), Frame.HEADER_BYTES - headerFill);
                    in.get(header, headerFill, n);
                    headerFill += n;
                    if (headerFill == Frame.HEADER_BYTES) {
                        type = checkHeader();
                        // Room for what has really arrived; all of it when the whole frame is here.
                        wire = new byte[Frame.HEADER_BYTES + Math.min(length, Math.max(256, in.remaining()))];
                        System.arraycopy(header, 0, wire, 0, Frame.HEADER_BYTES);
                        payloadFill = 0;
                        if (length == 0) {
                            frames.add(complete());
                        }
                    }
                    continue;
                }
                int n = Math.min(in.remaining(), length - payloadFill);
                ensureRoom(Frame.HEADER_BYTES + payloadFill + n);
                in.get(wire, Frame.HEADER_BYTES + payloadFill, n);
                payloadFill += n;
                if (payloadFill == length) {
                    frames.add(complete());
                }
            }
        } catch (ProtocolException e) {
            failed = true;
            throw e;
        }
        return frames;
    }

    /** True between frames: nothing of a started frame is waiting for more bytes. */
    public boolean atBoundary() {
        return headerFill == 0;
    }

    /** Called when the stream ends: a frame cut off in the middle is a protocol error. */
    public void finish() throws ProtocolException {
        if (!atBoundary()) {
            failed = true;
            throw new ProtocolException(ProtocolException.Reason.TRUNCATED, "the connection ended inside a frame");
        }
    }

    /** Checks the header in {@link #header}, sets {@link #length} and returns the type. */
    private FrameType checkHeader() throws ProtocolException {
        try {
            int version = header[0] & 0xFF;
            if (version != Frame.VERSION) {
                throw new ProtocolException(ProtocolException.Reason.BAD_VERSION, "protocol version " + version + " is not spoken here");
            }
            FrameType t = FrameType.of(header[1] & 0xFF);
            if (t == null) {
                throw new ProtocolException(ProtocolException.Reason.UNKNOWN_TYPE, "unknown frame type " + (header[1] & 0xFF));
            }
            long claimed = ((long) (header[4] & 0xFF) << 24) | ((header[5] & 0xFF) << 16) | ((header[6] & 0xFF) << 8) | (header[7] & 0xFF);
            if (claimed > maxPayload) {
                throw new ProtocolException(ProtocolException.Reason.TOO_LARGE,
                        "a frame of " + claimed + " bytes is larger than the " + maxPayload + " allowed");
            }
            length = (int) claimed;
            return t;
        } catch (ProtocolException e) {
            failed = true;
            throw e;
        }
    }

    /** Grows the buffer to what has arrived, doubling, never past the frame's length. */
    private void ensureRoom(int needed) {
        if (needed > wire.length) {
            int size = Math.max(needed, Math.min(Frame.HEADER_BYTES + length, wire.length * 2));
            wire = Arrays.copyOf(wire, size);
        }
    }

    private Frame complete() {
        byte[] body = wire.length == Frame.HEADER_BYTES + length ? wire : Arrays.copyOf(wire, Frame.HEADER_BYTES + length);
        Frame f = new Frame(type, body);
        headerFill = 0;
        wire = NONE;
        payloadFill = 0;
        return f;
    }
}
