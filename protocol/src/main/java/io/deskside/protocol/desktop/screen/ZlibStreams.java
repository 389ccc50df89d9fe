package io.deskside.protocol.desktop.screen;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The session's persistent zlib streams. The bytes of a stream go with the ZLIB and
 * PALETTE_ZLIB rects that use it: a rect that carries bytes (only when its stream has used up
 * what it had) gives them to the stream, and every rect inflates exactly its own pixels from
 * what the stream has. A part ends every stream it used
 * with a SYNC_FLUSH, so nothing of a stream is left over between parts, and one flush serves
 * all the rects of a part instead of one each (a flush closes a deflate block; each new block
 * carries its own code tables). The streams are zlib-wrapped and never finished, so a rect
 * may use what earlier rects, parts and updates sent as its dictionary. Both sides reset all
 * streams together, on an update with ZLIB_RESET; otherwise they carry on for as long as the
 * sealed channel lives.
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
     * so encoding in parallel can come later without a protocol change). Input is taken rect by
     * rect; the compressed bytes come out when the part is done.
     */
    static final class Deflating implements AutoCloseable {
        private final Deflater[] deflaters = {new Deflater(LEVEL, false), new Deflater(LEVEL, false)};
        private final byte[][] out = {new byte[16 * 1024], new byte[16 * 1024]};
        private final int[] filled = new int[2];
        private final boolean[] used = new boolean[2];

        void reset() {
            for (int i = 0; i < deflaters.length; i++) {
                deflaters[i].reset();
                filled[i] = 0;
                used[i] = false;
            }
        }

        /** Adds {@code input[0, length)} to {@code stream}; it inflates after what was added before. */
        void add(int stream, byte[] input, int length) {
            Deflater deflater = deflaters[stream];
            deflater.setInput(input, 0, length);
            used[stream] = true;
            while (!deflater.needsInput()) {
                drain(stream, Deflater.NO_FLUSH);
            }
        }

        /** Whether anything was added to {@code stream} since its last {@link #flush}. */
        boolean used(int stream) {
            return used[stream];
        }

        /** The bytes of {@code stream} that carry all it was given since the last flush, ending in a SYNC_FLUSH. */
        byte[] flush(int stream) {
            drain(stream, Deflater.SYNC_FLUSH);
            byte[] bytes = Arrays.copyOf(out[stream], filled[stream]);
            filled[stream] = 0;
            used[stream] = false;
            return bytes;
        }

        /** Deflates into the stream's buffer until the deflater has no more to give for {@code mode}. */
        private void drain(int stream, int mode) {
            Deflater deflater = deflaters[stream];
            while (true) {
                byte[] buffer = out[stream];
                int n = deflater.deflate(buffer, filled[stream], buffer.length - filled[stream], mode);
                filled[stream] += n;
                if (filled[stream] < buffer.length) {
                    return;
                }
                out[stream] = Arrays.copyOf(buffer, buffer.length * 2);
            }
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
        private final boolean[] usedInPart = new boolean[DesktopMessage.ZLIB_STREAMS];
        private final byte[] one = new byte[1];

        void reset() {
            for (int i = 0; i < inflaters.length; i++) {
                if (inflaters[i] == null) {
                    inflaters[i] = new Inflater(false);
                } else {
                    inflaters[i].reset();
                }
                usedInPart[i] = false;
            }
        }

        /**
         * Gives a rect's bytes to {@code stream}, then inflates exactly {@code length} bytes
         * into {@code out[0, length)}: fewer is TRUNCATED, a stream that ends or breaks is
         * MALFORMED. What is inflated is bounded by the rect, never by what the input claims.
         * Bytes come only when what the stream has left inflates to nothing (the first rect of
         * a part that uses the stream carries them all, or each rect its own, flushed), so
         * nothing is ever copied to be joined: rects of one byte each cannot make the Guest
         * copy a part's bytes once per rect.
         */
        void inflate(int stream, byte[] data, byte[] out, int length) throws DesktopProtocolException {
            Inflater inflater = inflaters[stream];
            if (inflater == null) {
                throw new DesktopProtocolException(Reason.BAD_STATE, "a zlib rect on a stream no update has reset");
            }
            usedInPart[stream] = true;
            if (data.length > 0) {
                if (inflater.getRemaining() > 0) {
                    // Only a flush's empty block may be left: it inflates to nothing.
                    usedUp(inflater, "zlib bytes for a stream whose bytes left make pixels");
                }
                inflater.setInput(data);
            }
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
            } catch (DataFormatException e) {
                throw new DesktopProtocolException(Reason.MALFORMED, "compressed pixels that are not zlib");
            }
        }

        /**
         * The end of a part: each stream's input must be used up, but for the flush's empty
         * block, which inflates to nothing. More pixels than the part's rects took is MALFORMED.
         * The check reads one byte of output at a time, so it is bounded by the input's length.
         */
        void endOfPart() throws DesktopProtocolException {
            for (int stream = 0; stream < inflaters.length; stream++) {
                if (usedInPart[stream]) {
                    usedInPart[stream] = false;
                    usedUp(inflaters[stream], "more pixels than the part's rectangles");
                }
            }
        }

        /** Whatever input is left, and whatever output is held, must inflate to nothing: else MALFORMED {@code why}. */
        private void usedUp(Inflater inflater, String why) throws DesktopProtocolException {
            try {
                // At least once: the inflater may hold output it has not given yet.
                do {
                    int before = inflater.getRemaining();
                    if (inflater.inflate(one, 0, 1) > 0) {
                        throw new DesktopProtocolException(Reason.MALFORMED, why);
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
