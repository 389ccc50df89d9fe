package io.deskside.protocol.desktop.screen;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The session's persistent zlib streams. Each ZLIB rect is the next bytes of one stream,
 * zlib-wrapped, never finished, ending in a SYNC_FLUSH, so a rect may use what earlier rects,
 * parts and updates sent as its dictionary. Both sides reset all streams together, on an
 * update with ZLIB_RESET; otherwise they carry on for as long as the sealed channel lives.
 */
final class ZlibStreams {

    /** The stream of ZLIB rects' R, G, B bytes. */
    static final int PIXELS = 0;
    /** The stream of PALETTE_ZLIB rects' packed indices: other statistics, so a stream of their own. */
    static final int INDICES = 1;
    /** Deflate level of both streams; the corpus report measures the choice (docs/BENCHMARKS.md). */
    static final int LEVEL = Integer.getInteger("deskside.screen.zlib-level", 6);

    private ZlibStreams() {
    }

    /**
     * The Host's side: streams {@link #PIXELS} and {@link #INDICES} (the decoder reads all four,
     * so encoding in parallel can come later without a protocol change).
     */
    static final class Deflating implements AutoCloseable {
        private final Deflater[] deflaters = {new Deflater(LEVEL, false), new Deflater(LEVEL, false)};
        private byte[] out = new byte[16 * 1024];

        void reset() {
            for (Deflater d : deflaters) {
                d.reset();
            }
        }

        /** The next bytes of {@code stream} that carry {@code input[0, length)}, flushed so they inflate alone. */
        byte[] compress(int stream, byte[] input, int length) {
            Deflater deflater = deflaters[stream];
            deflater.setInput(input, 0, length);
            int total = 0;
            while (true) {
                total += deflater.deflate(out, total, out.length - total, Deflater.SYNC_FLUSH);
                if (total < out.length) {
                    break;
                }
                out = Arrays.copyOf(out, out.length * 2);
            }
            return Arrays.copyOf(out, total);
        }

        @Override
        public void close() {
            for (Deflater d : deflaters) {
                d.end();
            }
        }
    }

    /** The Guest's side: four streams, each usable only once an update has reset it. */
    static final class Inflating implements AutoCloseable {
        private final Inflater[] inflaters = new Inflater[DesktopMessage.ZLIB_STREAMS];
        private final byte[] one = new byte[1];

        void reset() {
            for (int i = 0; i < inflaters.length; i++) {
                if (inflaters[i] == null) {
                    inflaters[i] = new Inflater(false);
                } else {
                    inflaters[i].reset();
                }
            }
        }

        /**
         * Inflates {@code data} into {@code out[0, length)}, and refuses anything but exactly
         * that many bytes. The check for more is bounded by the input's length, not by what it
         * claims to inflate to: that is the zip-bomb guard.
         */
        void inflateExactly(int stream, byte[] data, byte[] out, int length) throws DesktopProtocolException {
            Inflater inflater = inflaters[stream];
            if (inflater == null) {
                throw new DesktopProtocolException(Reason.BAD_STATE, "a zlib rect on a stream no update has reset");
            }
            inflater.setInput(data);
            try {
                int filled = 0;
                while (filled < length) {
                    int before = inflater.getRemaining();
                    int n = inflater.inflate(out, filled, length - filled);
                    filled += n;
                    if (n == 0) {
                        if (inflater.finished() || inflater.needsDictionary()) {
                            throw new DesktopProtocolException(Reason.MALFORMED, "a zlib stream ended or asked for a dictionary");
                        }
                        if (inflater.needsInput()) {
                            throw new DesktopProtocolException(Reason.TRUNCATED, "fewer pixels than the rectangle");
                        }
                        if (inflater.getRemaining() == before) {
                            throw new DesktopProtocolException(Reason.MALFORMED, "a zlib stream that makes no progress");
                        }
                    }
                }
                // Full: what input is left may only be the flush's empty block. One byte of room at a time.
                do {
                    int before = inflater.getRemaining();
                    if (inflater.inflate(one, 0, 1) > 0) {
                        throw new DesktopProtocolException(Reason.MALFORMED, "more pixels than the rectangle");
                    }
                    if (inflater.finished() || inflater.needsDictionary()) {
                        throw new DesktopProtocolException(Reason.MALFORMED, "a zlib stream ended or asked for a dictionary");
                    }
                    if (inflater.getRemaining() > 0 && inflater.getRemaining() == before) {
                        throw new DesktopProtocolException(Reason.MALFORMED, "a zlib stream that makes no progress");
                    }
                } while (inflater.getRemaining() > 0);
            } catch (DataFormatException e) {
                throw new DesktopProtocolException(Reason.MALFORMED, "compressed pixels that are not zlib");
            }
        }

        @Override
        public void close() {
            for (Inflater inflater : inflaters) {
                if (inflater != null) {
                    inflater.end();
                }
            }
        }
    }
}
