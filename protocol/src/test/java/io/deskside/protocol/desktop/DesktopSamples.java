package io.deskside.protocol.desktop;

import static io.deskside.protocol.wire.Message.Role.GUEST;
import static io.deskside.protocol.wire.Message.Role.HOST;

import io.deskside.protocol.desktop.DesktopMessage.Annotation;
import io.deskside.protocol.desktop.DesktopMessage.ChatLine;
import io.deskside.protocol.desktop.DesktopMessage.ClipboardText;
import io.deskside.protocol.desktop.DesktopMessage.CursorPosition;
import io.deskside.protocol.desktop.DesktopMessage.CursorSelect;
import io.deskside.protocol.desktop.DesktopMessage.CursorShape;
import io.deskside.protocol.desktop.DesktopMessage.FileAccept;
import io.deskside.protocol.desktop.DesktopMessage.FileAck;
import io.deskside.protocol.desktop.DesktopMessage.FileCancel;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileDone;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import io.deskside.protocol.desktop.DesktopMessage.FileRefuse;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Messages of every type, each with a side that may send it, at ordinary values and at the
 * edges of their bounds: what the round-trip, filter and fuzz-seed tests share.
 */
final class DesktopSamples {

    /** A message and a side that may send it (for file messages, the side their id's bit allows). */
    record Sample(DesktopMessage message, Role from) {
        DesktopStream stream() {
            return message.type().stream();
        }
    }

    private DesktopSamples() {
    }

    static byte[] filled(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] sha256() {
        return filled(32, 256);
    }

    static List<Sample> all() {
        List<Sample> s = new ArrayList<>();
        s.add(new Sample(new Hello("Deskside Host 0.1 (Linux)"), HOST));
        // Feature bits this side does not know are kept, so they come back as they went.
        s.add(new Sample(new Hello(Hello.VERSION, 0xFFFF_FFFFL, ""), GUEST));
        s.add(new Sample(new Hello("Ω".repeat(32)), GUEST));
        s.add(new Sample(new PermissionsInForce(EnumSet.of(Permission.VIEW, Permission.CHAT)), HOST));
        s.add(new Sample(new PermissionsInForce(Set.of()), HOST));
        s.add(new Sample(new PermissionsInForce(EnumSet.allOf(Permission.class)), HOST));
        s.add(new Sample(new PermissionRefused(DesktopType.KEY, Permission.CONTROL, 1), HOST));
        s.add(new Sample(new PermissionRefused(DesktopType.FILE_CHUNK, Permission.FILES, 0xFFFF_FFFFL), HOST));
        s.add(new Sample(new ChatLine("Hallo 👋\n\tzweite Zeile"), GUEST));
        s.add(new Sample(new ChatLine("é".repeat(DesktopMessage.MAX_CHAT_BYTES / 2)), HOST));
        s.add(new Sample(new ClipboardText(""), HOST));
        s.add(new Sample(new ClipboardText("line one\r\nline\ttwo\n"), GUEST));
        s.add(new Sample(new ClipboardText("x".repeat(DesktopMessage.MAX_CLIPBOARD_BYTES)), GUEST));
        s.add(new Sample(new FileOffer(new FileId(GUEST, 1), 5 << 20, sha256(), new FileName("Rechnung März.pdf")), GUEST));
        s.add(new Sample(new FileOffer(new FileId(HOST, FileId.MAX_NUMBER), DesktopMessage.MAX_FILE_BYTES, sha256(),
                new FileName("n".repeat(FileName.MAX_BYTES))), HOST));
        s.add(new Sample(new FileOffer(new FileId(HOST, 2), 0, sha256(), new FileName("empty")), HOST));
        s.add(new Sample(new FileAccept(new FileId(GUEST, 1)), HOST));
        s.add(new Sample(new FileRefuse(new FileId(HOST, 2), FileRefuse.Cause.BUSY), GUEST));
        s.add(new Sample(new FileResume(new FileId(GUEST, 1), 65_536), HOST));
        s.add(new Sample(new FileAck(new FileId(GUEST, 1), DesktopMessage.MAX_FILE_BYTES), HOST));
        s.add(new Sample(new FileDone(new FileId(HOST, 7)), GUEST));
        s.add(new Sample(new FileCancel(new FileId(HOST, 7), FileCancel.Cause.HASH_MISMATCH), GUEST));
        s.add(new Sample(new FileCancel(new FileId(GUEST, 3), FileCancel.Cause.BY_USER), GUEST));
        s.add(new Sample(new FileChunk(new FileId(GUEST, 1), 0, filled(DesktopMessage.MAX_CHUNK_BYTES, 1)), GUEST));
        s.add(new Sample(new FileChunk(new FileId(HOST, 1), DesktopMessage.MAX_FILE_BYTES - 1, new byte[] {42}), HOST));
        s.add(new Sample(new Pointer(16_383, 0, Pointer.LEFT | Pointer.FORWARD, -DesktopMessage.MAX_WHEEL, DesktopMessage.MAX_WHEEL), GUEST));
        s.add(new Sample(new Pointer(0, 0, 0, 0, 0), GUEST));
        s.add(new Sample(new Key(0x51, Key.Location.STANDARD, Key.ALT_GRAPH, true), GUEST));
        s.add(new Sample(new Key(Key.EXTENDED + 0x20AC, Key.Location.UNKNOWN, 0, false), GUEST));
        s.add(new Sample(new Key(0xFFFF, Key.Location.NUMPAD, 0x1F, true), GUEST));
        s.add(new Sample(new TextInput("😀"), GUEST));
        s.add(new Sample(new TextInput("ü".repeat(DesktopMessage.MAX_TEXT_INPUT_BYTES / 2)), GUEST));
        s.add(new Sample(new Annotation(100, 200, Annotation.Mode.PULSE), GUEST));
        s.add(new Sample(new UpdateRequest(1, 0, true, 2, 0, 0, 1920, 1080), GUEST));
        s.add(new Sample(new UpdateRequest(0xFFFF_FFFFL, 0xFFFF_FFFFL, false, 4, 16_383, 16_383, 1, 1), GUEST));
        s.add(new Sample(twoMonitors(), HOST));
        s.add(new Sample(sixteenMonitors(), HOST));
        s.add(new Sample(everyEncoding(), HOST));
        s.add(new Sample(new ScreenUpdate(9, 3, 1, 4, true, false, List.of()), HOST));
        s.add(new Sample(palettes(), HOST));
        s.add(new Sample(manySolids(), HOST));
        s.add(new Sample(new ScreenUpdate(10, 3, 1, 0, true, true, List.of(
                new Rect.Raw(0, 0, 256, 256, filled(256 * 256 * 3, 2)),
                new Rect.Solid(0, 0, DesktopMessage.MAX_COORDINATE, DesktopMessage.MAX_COORDINATE, 0xFFFFFF))), HOST));
        s.add(new Sample(new CursorShape(31, 128, 128, 127, 127, ints(128 * 128)), HOST));
        s.add(new Sample(new CursorShape(0, 1, 1, 0, 0, new int[] {0x80FF_0000}), HOST));
        s.add(new Sample(new CursorSelect(31), HOST));
        s.add(new Sample(new CursorPosition(16_383, 16_383, true), HOST));
        s.add(new Sample(new CursorPosition(0, 0, false), HOST));
        return s;
    }

    /** The first sample of a type. */
    static Sample of(DesktopType type) {
        return all().stream().filter(s -> s.message().type() == type).findFirst().orElseThrow();
    }

    static Layout twoMonitors() {
        return new Layout(3, 3840, 1080, List.of(new Layout.Monitor(0, 0, 1920, 1080, true),
                new Layout.Monitor(1920, 0, 1920, 1080, false)));
    }

    /** The most monitors, on the largest desktop there may be: 8192 x 4096 = 2^25 pixels. */
    static Layout sixteenMonitors() {
        List<Layout.Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < DesktopMessage.MAX_MONITORS; i++) {
            monitors.add(new Layout.Monitor((i % 4) * 2048, (i / 4) * 1024, 2048, 1024, i == 5));
        }
        return new Layout(0xFFFF_FFFFL, 8192, 4096, monitors);
    }

    static ScreenUpdate everyEncoding() {
        return new ScreenUpdate(7, 3, 2, 0, false, true, List.of(
                new Rect.Copy(0, 64, 960, 476, 0, 80),
                new Rect.Solid(0, 0, 64, 64, 0x102030),
                Rect.Palette.of(64, 0, 7, 3, new int[] {0xFFFFFF, 0x000000, 0x3366CC}, indices(21, 3, 5)),
                new Rect.Zlib(128, 0, 64, 64, 0, filled(700, 3)),
                new Rect.Zlib(192, 0, 16, 16, 3, new byte[] {1}),
                new Rect.PaletteZlib(208, 0, 16, 16, new int[] {0x000000, 0xFFFFFF, 0x808080}, 1, filled(40, 6)),
                new Rect.Raw(256, 0, 3, 2, filled(18, 4))));
    }

    /** Palettes of 2, 3, 4, 5 and 16 colours at widths 1, 7, 13 and 64: 1, 2 and 4 bits an index, with and without padding. */
    static ScreenUpdate palettes() {
        List<Rect> rects = new ArrayList<>();
        int seed = 10;
        for (int n : new int[] {2, 3, 4, 5, 16}) {
            for (int w : new int[] {1, 7, 13, 64}) {
                int[] colours = new int[n];
                for (int i = 0; i < n; i++) {
                    colours[i] = 0x010101 * i * 15;
                }
                rects.add(Rect.Palette.of(w, n, w, 3, colours, indices(w * 3, n, seed++)));
            }
        }
        return new ScreenUpdate(8, 3, 1, 1, true, false, rects);
    }

    /** The most rects a part may hold. */
    static ScreenUpdate manySolids() {
        List<Rect> rects = new ArrayList<>();
        for (int i = 0; i < DesktopMessage.MAX_RECTS_PER_PART; i++) {
            rects.add(new Rect.Solid(i % 64, i / 64, 1, 1, i));
        }
        return new ScreenUpdate(11, 3, 3, 2, false, false, rects);
    }

    static int[] indices(int count, int colours, int seed) {
        Random random = new Random(seed);
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = random.nextInt(colours);
        }
        return idx;
    }

    static int[] ints(int n) {
        int[] a = new int[n];
        Random random = new Random(n);
        for (int i = 0; i < n; i++) {
            a[i] = random.nextInt();
        }
        return a;
    }
}
