package io.deskside.protocol.desktop;

import static io.deskside.protocol.wire.Message.Role.GUEST;
import static io.deskside.protocol.wire.Message.Role.HOST;

import io.deskside.protocol.desktop.DesktopMessage.CursorPosition;
import io.deskside.protocol.desktop.DesktopMessage.CursorSelect;
import io.deskside.protocol.desktop.DesktopMessage.CursorShape;
import io.deskside.protocol.desktop.DesktopMessage.FileCancel;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.screen.Capture;
import io.deskside.protocol.desktop.screen.ScreenEncoder;
import io.deskside.protocol.wire.Message.Role;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.Deflater;

/**
 * The stateful seeds: sequences of records as one session receives them, the screen's from
 * the real {@link ScreenEncoder} on small synthetic captures where it can (inside
 * {@link ReceivingSession#MAX_PIXELS}), so the fuzzer starts from updates whose zlib streams,
 * parts and COPY sources are right, and mutates from there. The good ones apply cleanly
 * ({@link DesktopSeedsTest} checks it); the {@code bad_*} ones decode record by record and are
 * refused only by the state they reach. Each sequence checks, as it is built, that it holds
 * what its name says (every encoding, a COPY, several parts), so an encoder change cannot
 * quietly hollow it out.
 */
final class SessionSeeds {

    private SessionSeeds() {
    }

    static Map<String, byte[]> good() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("layout_then_update_every_encoding", layoutThenEveryEncoding());
        s.put("layout_then_update_in_three_parts", layoutThenThreeParts());
        s.put("scroll_then_incremental_copy", scrollThenIncrementalCopy());
        s.put("rescale_then_new_layout", rescaleThenNewLayout());
        s.put("cursor_shape_select_position", cursorShapeSelectPosition());
        s.put("file_upload_offer_then_chunks", fileUploadOfferThenChunks());
        s.put("file_download_cancelled_then_resumed", fileDownloadCancelledThenResumed());
        return s;
    }

    static Map<String, byte[]> bad() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        Layout small = DesktopSeeds.smallLayout();
        ScreenUpdate solidPart0 = new ScreenUpdate(1, 1, 1, 0, false, true, List.of(new Rect.Solid(0, 0, 64, 64, 0x336699)));
        s.put("bad_select_undefined_slot", one(HOST, new CursorShape(1, 2, 2, 0, 0, DesktopSamples.ints(4)), new CursorSelect(2)));
        s.put("bad_part_out_of_order", one(HOST, small, solidPart0,
                new ScreenUpdate(1, 1, 1, 2, true, false, List.of(new Rect.Solid(0, 0, 8, 8, 0)))));
        s.put("bad_update_before_layout", one(HOST, new ScreenUpdate(1, 1, 1, 0, true, true, List.of(new Rect.Solid(0, 0, 8, 8, 0)))));
        s.put("bad_update_for_another_generation", one(HOST, small,
                new ScreenUpdate(1, 2, 1, 0, true, true, List.of(new Rect.Solid(0, 0, 8, 8, 0)))));
        s.put("bad_scale_change_without_reset", one(HOST, small,
                new ScreenUpdate(1, 1, 1, 0, true, true, List.of(new Rect.Solid(0, 0, 8, 8, 0))),
                new ScreenUpdate(2, 1, 2, 0, true, false, List.of(new Rect.Solid(0, 0, 8, 8, 0)))));
        s.put("bad_layout_inside_an_update", one(HOST, small, solidPart0, small));
        byte[] file = DesktopSamples.filled(100, 1);
        FileId upload = new FileId(GUEST, 1);
        FileOffer offer = new FileOffer(upload, file.length, sha256(file), new FileName("a.txt"));
        s.put("bad_chunk_past_the_size", one(GUEST, offer, new FileChunk(upload, 0, DesktopSamples.filled(200, 1))));
        s.put("bad_second_offer_of_one_id", one(GUEST, offer, offer));
        s.put("bad_chunk_of_a_file_never_offered", one(GUEST, new FileChunk(upload, 0, file)));
        return s;
    }

    private static byte[] one(Role from, DesktopMessage... messages) {
        DesktopSeeds.Input in = new DesktopSeeds.Input();
        for (DesktopMessage m : messages) {
            in.message(from, m);
        }
        return in.bytes();
    }

    /**
     * 136x72, so its tiles are 64x64, 8x64, 64x8 and 8x8: a solid tile (SOLID), noise (ZLIB),
     * two colours in an 8-wide tile (PALETTE: 64 bytes of indices), three colours in a 64x8 tile
     * (PALETTE_ZLIB). The encoder makes no COPY in a full update and no RAW at all, so a COPY and
     * a RAW rect are added to the final part by hand.
     */
    private static byte[] layoutThenEveryEncoding() {
        Capture capture = paint(136, 72, (x, y, random) -> {
            if (y < 64) {
                return x < 64 ? 0x2060A0 : x < 128 ? random.nextInt() : (y % 2 == 0 ? 0xFFFFFF : 0x000000);
            }
            return x < 64 ? new int[] {0xFF0000, 0x00FF00, 0x0000FF}[(x + y) % 3] : 0xEEEEEE;
        });
        try (ScreenEncoder host = new ScreenEncoder()) {
            List<DesktopMessage> answer = host.answerOneMonitor(full(1, 0, 1, capture), capture);
            ScreenUpdate last = (ScreenUpdate) answer.remove(answer.size() - 1);
            List<Rect> rects = new ArrayList<>(last.rects());
            rects.add(new Rect.Copy(128, 64, 8, 8, 0, 0));
            rects.add(new Rect.Raw(0, 64, 2, 2, DesktopSamples.filled(12, 5)));
            answer.add(new ScreenUpdate(last.requestId(), last.layoutGeneration(), last.scale(), last.part(), true, last.zlibReset(), rects));
            expect(encodings(answer).equals(EnumSet.allOf(Rect.Encoding.class)), "every encoding: " + encodings(answer));
            return sequence(answer);
        }
    }

    /**
     * One update in three parts: part 0 (ZLIB_RESET) a ZLIB tile of noise, part 1 the same noise
     * again, whose bytes are mostly a back reference into part 0's (it needs the dictionary the
     * stream carried over), and the FINAL part 2 a PALETTE_ZLIB and a SOLID tile. The encoder
     * cuts parts only past 256 KiB or 2,048 rects, more than a fuzz item holds, so these parts
     * are cut here, each stream ending every part with a SYNC_FLUSH as the encoder's do.
     */
    private static byte[] layoutThenThreeParts() {
        byte[] noise = new byte[64 * 64 * 3];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) noiseAt(i % 192, i / 192);
        }
        byte[] stripes = new byte[64 * 8];
        for (int row = 0; row < 64; row++) {
            Arrays.fill(stripes, row * 8, row * 8 + 8, (byte) (row % 2 == 0 ? 0b1111_0000 : 0b0000_1111));
        }
        try (Flushing pixels = new Flushing(); Flushing indices = new Flushing()) {
            byte[] first = pixels.next(noise);
            byte[] second = pixels.next(noise);
            expect(second.length < first.length / 4, "a second ZLIB rect that leans on the first");
            Layout layout = new Layout(1, 128, 128, List.of(new Layout.Monitor(0, 0, 128, 128, true)));
            return one(HOST, layout,
                    new ScreenUpdate(1, 1, 1, 0, false, true, List.of(new Rect.Zlib(0, 0, 64, 64, 0, first))),
                    new ScreenUpdate(1, 1, 1, 1, false, false, List.of(new Rect.Zlib(64, 0, 64, 64, 0, second))),
                    new ScreenUpdate(1, 1, 1, 2, true, false, List.of(
                            new Rect.PaletteZlib(0, 64, 64, 64, new int[] {0xFFFFFF, 0x202020}, 1, indices.next(stripes)),
                            new Rect.Solid(64, 64, 64, 64, 0x808080))));
        }
    }

    /** One persistent zlib stream as a part uses it: each call's bytes end in a SYNC_FLUSH and inflate after the last call's. */
    private static final class Flushing implements AutoCloseable {
        private final Deflater deflater = new Deflater(6, false);

        byte[] next(byte[] raw) {
            deflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length || !deflater.needsInput());
            return out.toByteArray();
        }

        @Override
        public void close() {
            deflater.end();
        }
    }

    /** A 64x256 view of a text-like document, then the same view scrolled by 17 rows: an incremental update with COPY. */
    private static byte[] scrollThenIncrementalCopy() {
        int[] document = paint(64, 400, (x, y, random) -> y % 18 < 12 && random.nextInt(10) < 3 ? 0x202020 : 0xFFFFFF).pixels();
        Capture before = new Capture(64, 256, Arrays.copyOfRange(document, 0, 64 * 256));
        Capture after = new Capture(64, 256, Arrays.copyOfRange(document, 64 * 17, 64 * (17 + 256)));
        try (ScreenEncoder host = new ScreenEncoder()) {
            List<DesktopMessage> messages = new ArrayList<>(host.answerOneMonitor(full(1, 0, 1, before), before));
            List<DesktopMessage> scrolled = host.answerOneMonitor(new UpdateRequest(2, 1, true, 1, 0, 0, 64, 256), after);
            expect(encodings(scrolled).contains(Rect.Encoding.COPY), "a COPY after the scroll: " + encodings(scrolled));
            messages.addAll(scrolled);
            return sequence(messages);
        }
    }

    /** Scale 1, then scale 2 (a new framebuffer and a zlib reset), then a larger desktop: Layout generation 2 and a full update. */
    private static byte[] rescaleThenNewLayout() {
        Capture first = paint(96, 64, (x, y, random) -> noiseAt(x, y) & 0x0F0F0F);
        Capture second = paint(100, 90, (x, y, random) -> (x * 7 + y * 3) % 5 == 0 ? 0x000000 : 0xF0F0F0);
        try (ScreenEncoder host = new ScreenEncoder()) {
            List<DesktopMessage> messages = new ArrayList<>(host.answerOneMonitor(full(1, 0, 1, first), first));
            messages.addAll(host.answerOneMonitor(full(2, 1, 2, first), first));
            messages.addAll(host.answerOneMonitor(full(3, 1, 1, second), second));
            expect(messages.stream().filter(m -> m instanceof Layout).count() == 2, "two layouts");
            return sequence(messages);
        }
    }

    /**
     * An arrow and an I-beam defined, the arrow selected again and moved, the I-beam selected
     * and moved past the desktop's edge (clamped), then hidden.
     */
    private static byte[] cursorShapeSelectPosition() {
        int[] arrow = new int[11 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x <= Math.min(y, 10); x++) {
                arrow[y * 11 + x] = x == 0 || x == y || y == 15 ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        int[] beam = new int[7 * 16];
        for (int y = 0; y < 16; y++) {
            beam[y * 7 + 3] = 0xFF000000;
        }
        Arrays.fill(beam, 0, 7, 0xFF000000);
        Arrays.fill(beam, 15 * 7, 16 * 7, 0xFF000000);
        return one(HOST, DesktopSeeds.smallLayout(), new CursorShape(0, 11, 16, 0, 0, arrow), new CursorShape(1, 7, 16, 3, 8, beam),
                new CursorSelect(0), new CursorPosition(30, 40, true), new CursorSelect(1), new CursorPosition(100, 10, true),
                new CursorPosition(63, 63, false));
    }

    /** The Guest uploads 3,000 bytes in three chunks; the Host's receiver verifies and says done. */
    private static byte[] fileUploadOfferThenChunks() {
        byte[] file = DesktopSamples.filled(3000, 30);
        FileId id = new FileId(GUEST, 1);
        return one(GUEST, new FileOffer(id, file.length, sha256(file), new FileName("Druckerprotokoll.txt")),
                new FileChunk(id, 0, Arrays.copyOfRange(file, 0, 1024)),
                new FileChunk(id, 1024, Arrays.copyOfRange(file, 1024, 2048)),
                new FileChunk(id, 2048, Arrays.copyOfRange(file, 2048, 3000)));
    }

    /**
     * The Host sends 1,000 of 2,500 bytes and cancels (its read failed: the Guest keeps the
     * partial), offers the same file again under a new id, and the Guest's receiver resumes from
     * 1,000: the rest arrives and is verified.
     */
    private static byte[] fileDownloadCancelledThenResumed() {
        byte[] file = DesktopSamples.filled(2500, 25);
        FileId first = new FileId(HOST, 1);
        FileId second = new FileId(HOST, 2);
        FileName name = new FileName("setup.log");
        return one(HOST, new FileOffer(first, file.length, sha256(file), name),
                new FileChunk(first, 0, Arrays.copyOfRange(file, 0, 1000)),
                new FileCancel(first, FileCancel.Cause.READ_WRITE_FAILED),
                new FileOffer(second, file.length, sha256(file), name),
                new FileChunk(second, 1000, Arrays.copyOfRange(file, 1000, 2500)));
    }

    private static UpdateRequest full(long id, long generation, int scale, Capture capture) {
        return new UpdateRequest(id, generation, false, scale, 0, 0, capture.width(), capture.height());
    }

    /** The messages of a session's SCREEN stream as the Host sends them. */
    private static byte[] sequence(List<? extends DesktopMessage> messages) {
        return one(HOST, messages.toArray(DesktopMessage[]::new));
    }

    private static Set<Rect.Encoding> encodings(List<DesktopMessage> messages) {
        return messages.stream().filter(m -> m instanceof ScreenUpdate).flatMap(m -> ((ScreenUpdate) m).rects().stream())
                .map(Rect::encoding).collect(Collectors.toCollection(() -> EnumSet.noneOf(Rect.Encoding.class)));
    }

    private interface Painter {
        int rgb(int x, int y, Random random);
    }

    /** A capture painted pixel by pixel in raster order, from a fixed seed: the same bytes every run. */
    private static Capture paint(int w, int h, Painter painter) {
        Random random = new Random(w * 31L + h);
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = 0xFF00_0000 | painter.rgb(x, y, random) & 0xFF_FFFF;
            }
        }
        return new Capture(w, h, px);
    }

    /** Noise that depends only on the position, so two tiles can hold the same noise. */
    private static int noiseAt(int x, int y) {
        int v = x * 0x9E3779B1 ^ y * 0x85EBCA6B;
        v ^= v >>> 15;
        v *= 0x2C1B3C6D;
        return v ^ v >>> 12;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void expect(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("a seed no longer holds " + what);
        }
    }
}
