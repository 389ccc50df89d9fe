package io.deskside.protocol.desktop;

import static io.deskside.protocol.wire.Message.Role.GUEST;
import static io.deskside.protocol.wire.Message.Role.HOST;

import io.deskside.protocol.desktop.DesktopMessage.Annotation;
import io.deskside.protocol.desktop.DesktopMessage.ChatLine;
import io.deskside.protocol.desktop.DesktopMessage.ClipboardText;
import io.deskside.protocol.desktop.DesktopMessage.CursorPosition;
import io.deskside.protocol.desktop.DesktopMessage.CursorShape;
import io.deskside.protocol.desktop.DesktopMessage.FileAccept;
import io.deskside.protocol.desktop.DesktopMessage.FileAck;
import io.deskside.protocol.desktop.DesktopMessage.FileCancel;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileDone;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import io.deskside.protocol.desktop.DesktopMessage.FileResume;
import io.deskside.protocol.desktop.DesktopMessage.Hello;
import io.deskside.protocol.desktop.DesktopMessage.Key;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.PermissionRefused;
import io.deskside.protocol.desktop.DesktopMessage.PermissionsInForce;
import io.deskside.protocol.desktop.DesktopMessage.Pointer;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopMessage.TextInput;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.wire.Message.Permission;
import io.deskside.protocol.wire.Message.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * Writes the committed inputs of {@link DesktopMessageFuzzTest} and {@link DesktopSessionFuzzTest}:
 * well-formed records of every kind, so the fuzzer starts from the protocol's shapes instead of
 * finding them byte by byte; the stateful sequences of {@link SessionSeeds} (layout then
 * updates, cursor shapes then selects, a file's offer then its chunks); and the bad cases of the
 * plan (§4), named {@code bad_*}. Both fuzz tests get every seed: a sequence is a good start for
 * the stateless decoder too, and a single record for the session. {@link DesktopSeedsTest}
 * checks the committed files are exactly what this writes, so change them here and re-run:
 *
 * <pre>java -cp target/classes:target/test-classes io.deskside.protocol.desktop.DesktopSeeds [dir]</pre>
 *
 * (from {@code protocol/}; {@code dir} is where the {@code *Inputs} directories are, by default
 * the package's directory under {@code src/test/resources}).
 */
final class DesktopSeeds {

    static final Path DEFAULT_DIR = Path.of("src/test/resources/io/deskside/protocol/desktop");

    /** Each fuzz method's inputs directory, relative to the package's resources: every seed goes into each. */
    static final List<String> INPUT_DIRS = List.of(
            "DesktopMessageFuzzTestInputs/decodesOrRefusesAndNeverThrowsAnythingElse",
            "DesktopSessionFuzzTestInputs/appliesRecordsInOrderOrRefusesAndNeverThrowsAnythingElse");

    /**
     * The bad seeds whose fault only a stateful checker sees (zlib inflation, the zlib reset,
     * the framebuffer's edges, part order, cursor slots, the file machine): every record in them
     * decodes on its own, and {@link ReceivingSession} refuses them.
     */
    static final Set<String> BAD_ONLY_WITH_STATE = Stream.concat(
            Stream.of("bad_zlib_bomb", "bad_zlib_before_reset", "bad_copy_outside", "bad_palette_zlib_index"),
            SessionSeeds.bad().keySet().stream()).collect(Collectors.toUnmodifiableSet());

    /** The good seeds that are sequences: {@link ReceivingSession} applies each without a refusal. */
    static final Set<String> SEQUENCES = Set.copyOf(SessionSeeds.good().keySet());

    private DesktopSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : DEFAULT_DIR;
        Map<String, byte[]> all = all();
        for (String inputs : INPUT_DIRS) {
            Path dir = root.resolve(inputs);
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> seed : all.entrySet()) {
                Files.write(dir.resolve(seed.getKey()), seed.getValue());
            }
            System.out.println("wrote " + all.size() + " seeds to " + dir.toAbsolutePath());
        }
    }

    /** One input of several records, each {@code [selector][u16 length][record]}. */
    static final class Input {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Input record(DesktopStream stream, Role from, byte[] record) {
            if (record.length > 0xFFFF) {
                throw new IllegalArgumentException("a record of " + record.length + " bytes does not fit an item's u16 length");
            }
            int selector = DesktopMessageFuzzTest.Item.selector(stream, from);
            out.write(selector);
            out.write(record.length >>> 8);
            out.write(record.length);
            out.writeBytes(record);
            return this;
        }

        Input message(Role from, DesktopMessage m) {
            return record(m.type().stream(), from, m.encode());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static byte[] one(Role from, DesktopMessage... messages) {
        Input in = new Input();
        for (DesktopMessage m : messages) {
            in.message(from, m);
        }
        return in.bytes();
    }

    static Map<String, byte[]> all() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        FileId upload = new FileId(GUEST, 1);
        s.put("hello", new Input().message(HOST, new Hello("Deskside Host 0.1 (Windows 11)"))
                .message(GUEST, new Hello("Deskside Guest 0.1")).bytes());
        s.put("permissions_view_chat", one(HOST, new PermissionsInForce(EnumSet.of(Permission.VIEW, Permission.CHAT))));
        s.put("refused_key", one(HOST, new PermissionRefused(DesktopType.KEY, Permission.CONTROL, 17)));
        s.put("chat_unicode_multiline", new Input().message(GUEST, new ChatLine("Grüße 👋\nzweite Zeile\n\teingerückt"))
                .message(HOST, new ChatLine("Danke, ich schaue mir das an.")).bytes());
        s.put("clipboard_crlf", one(GUEST, new ClipboardText("Name\tWert\r\nDrucker\tHP LaserJet\r\n")));
        s.put("file_offer", one(GUEST, new FileOffer(upload, 200_000, DesktopSamples.sha256(), new FileName("Rechnung März.pdf"))));
        s.put("file_accept", one(HOST, new FileAccept(upload)));
        s.put("file_resume", one(HOST, new FileResume(upload, 131_072)));
        s.put("file_chunk", one(GUEST, new FileChunk(upload, 131_072, DesktopSamples.filled(1000, 7))));
        s.put("file_ack", one(HOST, new FileAck(upload, 132_072)));
        s.put("file_done", one(HOST, new FileDone(upload)));
        s.put("file_cancel", one(GUEST, new FileCancel(new FileId(HOST, 2), FileCancel.Cause.BY_USER)));
        s.put("pointer_wheel", one(GUEST, new Pointer(960, 540, 0, 240, 0), new Pointer(961, 541, Pointer.LEFT, -120, 120)));
        int vkAltGraph = 0xFF7E;
        int vkQ = 0x51;
        s.put("key_altgr", one(GUEST,
                new Key(vkAltGraph, Key.Location.RIGHT, Key.ALT_GRAPH, true),
                new Key(vkQ, Key.Location.STANDARD, Key.ALT_GRAPH, true),
                new Key(vkQ, Key.Location.STANDARD, Key.ALT_GRAPH, false),
                new Key(vkAltGraph, Key.Location.RIGHT, 0, false),
                new Key(Key.EXTENDED + '€', Key.Location.UNKNOWN, 0, true)));
        s.put("text_emoji", one(GUEST, new TextInput("👍🏽"), new TextInput("日本語")));
        s.put("annotation_pulse", one(GUEST, new Annotation(400, 300, Annotation.Mode.PULSE)));
        s.put("update_request_scaled", one(GUEST, new UpdateRequest(1, 1, false, 2, 0, 0, 1920, 1080)));
        s.put("layout_two_monitors", one(HOST, DesktopSamples.twoMonitors()));
        // Not in the plan's list: one update with every encoding and the cursor messages, so the
        // stateless fuzzer starts from rects and cursors too.
        s.put("screen_update_every_encoding", one(HOST, DesktopSamples.everyEncoding()));
        s.put("cursor_shape_and_position", one(HOST, new CursorShape(3, 4, 4, 1, 1, DesktopSamples.ints(16)),
                new CursorPosition(100, 200, true)));

        s.put("bad_trailing_byte", new Input().record(DesktopStream.INPUT, GUEST,
                TestBytes.of(DesktopType.POINTER).u16(10, 10).u8(0).u16(0, 0).u8(0).array()).bytes());
        s.put("bad_truncated_rect", new Input().record(DesktopStream.SCREEN, HOST,
                TestBytes.update(1, 1, 0, 1).rect(0, 0, 4, 4, Rect.Encoding.RAW).zeros(20).array()).bytes());
        s.put("bad_rect_count_lies", new Input().record(DesktopStream.SCREEN, HOST,
                TestBytes.update(1, 1, 0, 2048).rect(0, 0, 8, 8, Rect.Encoding.SOLID).u8(1, 2, 3)
                        .rect(8, 0, 8, 8, Rect.Encoding.SOLID).u8(4, 5, 6).array()).bytes());
        s.put("bad_zlib_bomb", new Input().message(HOST, smallLayout())
                .message(HOST, new ScreenUpdate(1, 1, 1, 0, true, true, List.of(new Rect.Zlib(0, 0, 16, 16, 0, deflated(new byte[1 << 20])))))
                .bytes());
        s.put("bad_zlib_before_reset", new Input().message(HOST, smallLayout())
                .message(HOST, new ScreenUpdate(1, 1, 1, 0, true, false, List.of(new Rect.Zlib(0, 0, 16, 16, 0,
                        deflated(DesktopSamples.filled(16 * 16 * 3, 9))))))
                .bytes());
        s.put("bad_copy_outside", new Input().message(HOST, smallLayout())
                .message(HOST, new ScreenUpdate(1, 1, 1, 0, true, true, List.of(new Rect.Copy(0, 0, 16, 16, 60, 60)))).bytes());
        s.put("bad_palette_index", new Input().record(DesktopStream.SCREEN, HOST,
                TestBytes.update(1, 1, 0, 1).rect(0, 0, 5, 1, Rect.Encoding.PALETTE).u8(3).u8(0, 0, 0, 0x80, 0x80, 0x80, 0xFF, 0xFF, 0xFF)
                        .u8(0b00_01_10_11, 0b00_000000).array()).bytes());
        s.put("bad_palette_zlib_index", new Input().message(HOST, smallLayout())
                .message(HOST, new ScreenUpdate(1, 1, 1, 0, true, true, List.of(new Rect.PaletteZlib(0, 0, 5, 1,
                        new int[] {0, 0x808080, 0xFFFFFF}, 1, deflated(new byte[] {(byte) 0b00_01_10_11, 0})))))
                .bytes());
        s.put("bad_unknown_type", new Input().record(DesktopStream.CONTROL, GUEST, new byte[] {0x7F, 0, 0}).bytes());
        s.put("bad_wrong_side", new Input().record(DesktopStream.SCREEN, GUEST, smallLayout().encode()).bytes());
        s.putAll(SessionSeeds.good());
        s.putAll(SessionSeeds.bad());
        return s;
    }

    /** A 64x64 desktop of one monitor: small enough for any decoder's pixel budget. */
    static Layout smallLayout() {
        return new Layout(1, 64, 64, List.of(new Layout.Monitor(0, 0, 64, 64, true)));
    }

    /** {@code raw} through a fresh zlib stream (wrapped), ending in a SYNC_FLUSH and never finished: a ZLIB rect's body. */
    static byte[] deflated(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length);
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
