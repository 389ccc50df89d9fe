package io.deskside.bench.screen;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.screen.Capture;
import io.deskside.protocol.desktop.screen.ScreenDecoder;
import io.deskside.protocol.desktop.screen.ScreenEncoder;
import io.deskside.protocol.desktop.screen.TileGrid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays each recorded session of corpus/screens frame by frame, as a Guest that asks for the
 * whole screen after every update (full the first time, incremental after), and measures three
 * encoders on the same frames in the same run:
 *
 * <ul>
 * <li>{@code deskside}: {@link ScreenEncoder} (copy-rect scrolls, solid, palette, persistent zlib),
 *   bytes = the desktop records it sends (Layout and ScreenUpdate parts, {@link DesktopMessage#encode()}),
 *   before the tunnel seals them (each sealed record adds its frame header and tag, and the Guest's
 *   requests go the other way: neither is counted here, for any encoder);</li>
 * <li>{@code png-tiles}: each changed 64x64 tile as a PNG through ImageIO (Guacamole's approach);</li>
 * <li>{@code deflate-tiles}: the changed tiles' RGB through one persistent Deflater, level 6,
 *   SYNC_FLUSH per update.</li>
 * </ul>
 *
 * The changed tiles of the two baselines are those the protocol's ChangeDetector finds between a
 * frame and the one before (the first frame: every tile). Definitions, printed with the results:
 * an update is a frame where something changed; Mbit/s = all bytes of the session × 8 / the
 * session's recorded length (index.tsv, first to last frame); "raw tiles" = the changed tiles at
 * 3 bytes a pixel; "raw frames" = every recorded frame whole at 3 bytes a pixel (what an
 * uncompressed stream at the recording's rate would send). Encode time per update is wall time on
 * this thread: for deskside the whole {@code answer} (capture copy, change and scroll detection,
 * encoding); for the baselines the same change detection plus their encoding. The pace needs no
 * sleeping: bytes do not depend on when they are sent, and the recorded milliseconds give the rate.
 *
 * <p>Run from the repository root: {@code java -cp ... io.deskside.bench.screen.CorpusReport [session...]}.
 */
public final class CorpusReport {

    private static final int WARMUP_FRAMES = 40;

    private CorpusReport() {
    }

    /** What one encoder sent and spent over one replay. */
    static final class Tally {
        final String encoder;
        long updates;
        long bytes;
        long encodeNanos;
        long decodeNanos;

        Tally(String encoder) {
            this.encoder = encoder;
        }
    }

    /** One replay's figures: a tally per encoder and the raw sizes they are compared with. */
    record Replay(CorpusSession session, int frames, long rawTileBytes, long rawFrameBytes, List<Tally> tallies) {
    }

    public static void main(String[] args) throws IOException, DesktopProtocolException {
        List<String> names = args.length > 0 ? List.of(args) : CorpusSession.sessionNames();
        // The JIT first: a short replay whose figures are thrown away.
        CorpusSession first = CorpusSession.open(names.get(0));
        replay(first, Math.min(WARMUP_FRAMES, first.rows().size()));
        System.out.printf("# screen corpus replay: %s; bytes are payload before sealing; deflate-tiles is one persistent Deflater, level %d, SYNC_FLUSH per update%n",
                names, DeflateTiles.LEVEL);
        System.out.println("# vs_raw_tiles = changed tiles at 24 bits / bytes; vs_raw_frames = every recorded frame whole at 24 bits / bytes; Mbit/s over the recorded length");
        List<Replay> replays = new ArrayList<>();
        for (String name : names) {
            CorpusSession session = CorpusSession.open(name);
            Replay r = replay(session, session.rows().size());
            replays.add(r);
            for (Tally t : r.tallies()) {
                System.out.println(resultLine(r, t));
            }
        }
        System.out.println();
        System.out.println("| session | encoder | updates | bytes / update | Mbit/s | vs raw tiles | vs raw frames | encode ms / update | decode ms / update |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Replay r : replays) {
            for (Tally t : r.tallies()) {
                System.out.printf("| %s | %s | %,d | %,.0f | %.3f | %,.0f:1 | %,.0f:1 | %.2f | %s |%n", r.session().name(), t.encoder, t.updates,
                        perUpdate(t.bytes, t), mbits(r, t), ratio(r.rawTileBytes(), t), ratio(r.rawFrameBytes(), t),
                        perUpdate(t.encodeNanos, t) / 1e6, t.decodeNanos > 0 ? String.format("%.2f", perUpdate(t.decodeNanos, t) / 1e6) : "");
            }
        }
    }

    static String resultLine(Replay r, Tally t) {
        return String.format("RESULT session=%s encoder=%s frames=%d seconds=%.1f updates=%d bytes=%d bytes/update=%.0f Mbit/s=%.3f vs_raw_tiles=%.1f vs_raw_frames=%.0f encode_ms/update=%.3f%s",
                r.session().name(), t.encoder, r.frames(), r.session().seconds(), t.updates, t.bytes, perUpdate(t.bytes, t), mbits(r, t),
                ratio(r.rawTileBytes(), t), ratio(r.rawFrameBytes(), t), perUpdate(t.encodeNanos, t) / 1e6,
                t.decodeNanos > 0 ? String.format(" decode_ms/update=%.3f", perUpdate(t.decodeNanos, t) / 1e6) : "");
    }

    private static double perUpdate(long total, Tally t) {
        return t.updates == 0 ? 0 : (double) total / t.updates;
    }

    private static double mbits(Replay r, Tally t) {
        return t.bytes * 8 / r.session().seconds() / 1e6;
    }

    private static double ratio(long raw, Tally t) {
        return t.bytes == 0 ? 0 : (double) raw / t.bytes;
    }

    /** The first {@code count} frames of {@code session} through all three encoders. */
    static Replay replay(CorpusSession session, int count) throws IOException, DesktopProtocolException {
        int width = session.width();
        int height = session.height();
        TileGrid grid = new TileGrid(0, 0, width, height);
        Tally ours = new Tally("deskside");
        Tally png = new Tally("png-tiles");
        Tally deflate = new Tally("deflate-tiles");
        long[] raw = new long[1];
        int[] previous = new int[width * height];
        PngTiles pngTiles = new PngTiles();
        try (ScreenEncoder host = new ScreenEncoder();
                ScreenDecoder guest = new ScreenDecoder(DesktopMessage.MAX_DESKTOP_PIXELS);
                DeflateTiles deflateTiles = new DeflateTiles()) {
            long[] generation = new long[1];
            long[] requestId = new long[] {1};
            boolean[] started = new boolean[1];
            session.replay(count, (row, pixels) -> {
                // deskside: the Guest's request, the Host's answer, the Guest drawing it.
                var request = new UpdateRequest(requestId[0]++, generation[0], started[0], 1, 0, 0, width, height);
                long t0 = System.nanoTime();
                List<DesktopMessage> answer = host.answerOneMonitor(request, new Capture(width, height, pixels));
                long bytes = 0;
                for (DesktopMessage m : answer) {
                    bytes += m.encode().length;
                }
                long t1 = System.nanoTime();
                if (!answer.isEmpty()) {
                    ours.updates++;
                    ours.bytes += bytes;
                    ours.encodeNanos += t1 - t0;
                    try {
                        for (DesktopMessage m : answer) {
                            if (m instanceof Layout l) {
                                generation[0] = l.generation();
                            }
                            guest.apply(m);
                        }
                    } catch (DesktopProtocolException e) {
                        throw new IllegalStateException(session.name() + " frame " + row.frame() + ": the decoder refused our update", e);
                    }
                    ours.decodeNanos += System.nanoTime() - t1;
                }
                // The baselines: the same changed tiles, against the previous frame.
                long d0 = System.nanoTime();
                boolean[] dirty;
                if (started[0]) {
                    dirty = ChangedTiles.dirty(pixels, previous, width, grid);
                } else {
                    dirty = new boolean[grid.tiles()];
                    Arrays.fill(dirty, true);
                }
                long detect = System.nanoTime() - d0;
                started[0] = true;
                long tilePixels = tilePixels(grid, dirty);
                if (tilePixels > 0) {
                    raw[0] += tilePixels * 3;
                    long p0 = System.nanoTime();
                    png.bytes += pngTiles.encode(pixels, width, grid, dirty);
                    long p1 = System.nanoTime();
                    deflate.bytes += deflateTiles.encode(pixels, width, grid, dirty);
                    long p2 = System.nanoTime();
                    png.updates++;
                    png.encodeNanos += detect + p1 - p0;
                    deflate.updates++;
                    deflate.encodeNanos += detect + p2 - p1;
                }
                System.arraycopy(pixels, 0, previous, 0, pixels.length);
            });
            if (!Arrays.equals(guest.framebuffer(), opaque(previous))) {
                throw new IllegalStateException(session.name() + ": the Guest's last frame is not the captured one");
            }
        }
        return new Replay(session, count, raw[0], (long) count * width * height * 3, List.of(ours, png, deflate));
    }

    private static long tilePixels(TileGrid grid, boolean[] dirty) {
        long n = 0;
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.columns(); c++) {
                if (dirty[r * grid.columns() + c]) {
                    n += (long) grid.tileW(c) * grid.tileH(r);
                }
            }
        }
        return n;
    }

    private static int[] opaque(int[] pixels) {
        int[] out = pixels.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] |= 0xFF00_0000;
        }
        return out;
    }
}
