package io.deskside.bench.screen;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.screen.Capture;
import io.deskside.protocol.desktop.screen.Damage;
import io.deskside.protocol.desktop.screen.ScreenDecoder;
import io.deskside.protocol.desktop.screen.ScreenEncoder;
import io.deskside.protocol.desktop.screen.TileGrid;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The screen codec on one core, on recorded frames (corpus/screens, read from the working
 * directory or -Dcorpus.dir): a full 1080p update (each session's first frame, a full request),
 * a typical incremental update (the session's median changed frame by patch area; in the typing
 * session, a few typed characters), and change detection of a 1080p capture against the frame
 * before it (mostly unchanged tiles, each compared whole: near the detector's worst case). Times are per operation, in milliseconds. The targets (issue 11): full frame encode
 * ≤ 30 ms, decode ≤ 10 ms; typing update ≤ 2 ms; change detection ≤ 5 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScreenCodecBench {

    private static final int REQUEST_GENERATION_UNKNOWN = 0;

    /** A session's first frame (a full one), its full update encoded once, and a decoder that has its layout. */
    @State(Scope.Benchmark)
    public static class FullFrame {

        @Param({"typing", "terminal"})
        public String session;

        ScreenEncoder encoder;
        Capture capture;
        UpdateRequest fullRequest;
        List<ScreenUpdate> fullParts;
        ScreenDecoder decoder;

        @Setup(Level.Trial)
        public void load() throws IOException, DesktopProtocolException {
            CorpusSession s = CorpusSession.open(session);
            capture = new Capture(s.width(), s.height(), s.frame(0));
            encoder = new ScreenEncoder();
            List<DesktopMessage> first = encoder.answerOneMonitor(
                    new UpdateRequest(1, REQUEST_GENERATION_UNKNOWN, false, 1, 0, 0, s.width(), s.height()), capture);
            Layout layout = (Layout) first.get(0);
            fullRequest = new UpdateRequest(2, layout.generation(), false, 1, 0, 0, s.width(), s.height());
            fullParts = parts(first);
            decoder = new ScreenDecoder(DesktopMessage.MAX_DESKTOP_PIXELS);
            decoder.apply(layout);
        }

        @TearDown(Level.Trial)
        public void close() {
            encoder.close();
            decoder.close();
        }
    }

    /**
     * Two consecutive frames of a session, A and B, around its median change by patch area (in the
     * typing session: a few typed characters): change detection compares them, and the update
     * states below encode and decode A→B. The update benchmarks name it among their arguments so
     * that JMH binds its {@code session} parameter for them too.
     */
    @State(Scope.Benchmark)
    public static class FramePair {

        @Param({"typing", "terminal"})
        public String session;

        Capture before;
        Capture after;
        TileGrid grid;

        @Setup(Level.Trial)
        public void load() throws IOException {
            CorpusSession s = CorpusSession.open(session);
            int index = medianChange(s);
            int[][] ab = s.frames(index - 1, index);
            before = new Capture(s.width(), s.height(), ab[0]);
            after = new Capture(s.width(), s.height(), ab[1]);
            grid = new TileGrid(0, 0, s.width(), s.height());
        }

        /** The index of the changed frame (not the first) with the median patch area. */
        static int medianChange(CorpusSession s) {
            List<Integer> changed = IntStream.range(1, s.rows().size()).filter(i -> s.rows().get(i).changed()).boxed()
                    .sorted(Comparator.comparingLong(i -> (long) s.rows().get(i).w() * s.rows().get(i).h())).toList();
            if (changed.isEmpty()) {
                throw new IllegalStateException(s.name() + " has no change after its first frame");
            }
            return changed.get(changed.size() / 2);
        }
    }

    /**
     * The incremental update A→B as a Host sends it right after the full frame A. Before each
     * invocation (not timed) the encoder is brought back to A with a full request, so each timed
     * call sees the real Shadow and zlib history; the invocations are long enough (tens of
     * microseconds and more) for JMH's per-invocation timing.
     */
    @State(Scope.Benchmark)
    public static class EncodeUpdate {

        ScreenEncoder encoder;
        UpdateRequest full;
        UpdateRequest incremental;
        Capture before;
        Capture after;

        @Setup(Level.Trial)
        public void open(FramePair pair) {
            before = pair.before;
            after = pair.after;
            encoder = new ScreenEncoder();
            int w = pair.before.width();
            int h = pair.before.height();
            Layout layout = (Layout) encoder.answerOneMonitor(new UpdateRequest(1, REQUEST_GENERATION_UNKNOWN, false, 1, 0, 0, w, h), pair.before).get(0);
            full = new UpdateRequest(2, layout.generation(), false, 1, 0, 0, w, h);
            incremental = new UpdateRequest(3, layout.generation(), true, 1, 0, 0, w, h);
        }

        @Setup(Level.Invocation)
        public void backToBefore() {
            encoder.answer(full, before);
        }

        @TearDown(Level.Trial)
        public void close() {
            encoder.close();
        }
    }

    /** The same update A→B on the Guest's side: before each invocation (not timed) the decoder draws the full frame A again. */
    @State(Scope.Benchmark)
    public static class DecodeUpdate {

        ScreenDecoder decoder;
        List<ScreenUpdate> start;
        List<ScreenUpdate> update;

        @Setup(Level.Trial)
        public void record(FramePair pair) throws DesktopProtocolException {
            int w = pair.before.width();
            int h = pair.before.height();
            decoder = new ScreenDecoder(DesktopMessage.MAX_DESKTOP_PIXELS);
            try (ScreenEncoder recorder = new ScreenEncoder()) {
                List<DesktopMessage> first = recorder.answerOneMonitor(new UpdateRequest(1, REQUEST_GENERATION_UNKNOWN, false, 1, 0, 0, w, h), pair.before);
                Layout layout = (Layout) first.get(0);
                decoder.apply(layout);
                start = parts(first);
                update = recorder.answer(new UpdateRequest(2, layout.generation(), true, 1, 0, 0, w, h), pair.after);
            }
            System.out.printf("%n%s: the update is %d bytes in %d rects%n", pair.session,
                    update.stream().mapToLong(p -> p.encode().length).sum(), update.stream().mapToInt(p -> p.rects().size()).sum());
        }

        @Setup(Level.Invocation)
        public void backToBefore() throws DesktopProtocolException {
            applyAll(decoder, start);
        }

        @TearDown(Level.Trial)
        public void close() {
            decoder.close();
        }
    }

    @Benchmark
    public List<ScreenUpdate> encodeFullFrame(FullFrame f) {
        return f.encoder.answer(f.fullRequest, f.capture);
    }

    @Benchmark
    public int[] decodeFullFrame(FullFrame f) throws DesktopProtocolException {
        applyAll(f.decoder, f.fullParts);
        return f.decoder.framebuffer();
    }

    @Benchmark
    @Measurement(iterations = 5, time = 2)
    public List<ScreenUpdate> encodeTypicalUpdate(FramePair pair, EncodeUpdate e) {
        return e.encoder.answer(e.incremental, e.after);
    }

    @Benchmark
    @Measurement(iterations = 5, time = 2)
    public int[] decodeTypicalUpdate(FramePair pair, DecodeUpdate d) throws DesktopProtocolException {
        applyAll(d.decoder, d.update);
        return d.decoder.framebuffer();
    }

    /** The Host's ChangeDetector over a whole 1080p capture against the frame before it. */
    @Benchmark
    public boolean[] detectChanges1080p(FramePair pair) {
        return ChangedTiles.dirty(pair.after.pixels(), pair.before.pixels(), pair.after.width(), pair.grid);
    }

    private static List<ScreenUpdate> parts(List<DesktopMessage> messages) {
        return messages.stream().filter(m -> m instanceof ScreenUpdate).map(m -> (ScreenUpdate) m).toList();
    }

    private static List<Damage> applyAll(ScreenDecoder decoder, List<ScreenUpdate> parts) throws DesktopProtocolException {
        List<Damage> last = List.of();
        for (ScreenUpdate p : parts) {
            last = decoder.apply(p);
        }
        return last;
    }
}
