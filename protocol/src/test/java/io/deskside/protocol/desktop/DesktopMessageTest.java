package io.deskside.protocol.desktop;

import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.MALFORMED;
import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.OUT_OF_RANGE;
import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.TOO_LARGE;
import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.TRAILING_BYTES;
import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.TRUNCATED;
import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.UNKNOWN_TYPE;
import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.UNSUPPORTED_VERSION;
import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.WRONG_SIDE;
import static io.deskside.protocol.desktop.DesktopProtocolException.Reason.WRONG_STREAM;
import static io.deskside.protocol.wire.Message.Role.GUEST;
import static io.deskside.protocol.wire.Message.Role.HOST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deskside.protocol.desktop.DesktopMessage.ChatLine;
import io.deskside.protocol.desktop.DesktopMessage.FileAccept;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import io.deskside.protocol.desktop.DesktopMessage.Hello;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.PermissionsInForce;
import io.deskside.protocol.desktop.DesktopMessage.Pointer;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import io.deskside.protocol.desktop.DesktopSamples.Sample;
import io.deskside.protocol.wire.Message.Permission;
import io.deskside.protocol.wire.Message.Role;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DesktopMessageTest {

    private static final HexFormat HEX = HexFormat.of();

    private static DesktopMessage decode(Sample s, byte[] bytes) throws DesktopProtocolException {
        return DesktopMessage.decode(s.stream(), s.from(), bytes);
    }

    private static Reason refusal(DesktopStream stream, Role from, byte[] bytes) {
        try {
            DesktopMessage m = DesktopMessage.decode(stream, from, bytes);
            return fail("decoded " + m + " from " + HEX.formatHex(bytes, 0, Math.min(bytes.length, 64)));
        } catch (DesktopProtocolException e) {
            return e.reason();
        }
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void everyMessageReadsBackToExactlyTheBytesItWasWrittenAs() throws Exception {
        for (Sample s : DesktopSamples.all()) {
            byte[] wire = s.message().encode();
            assertTrue(wire.length <= DesktopMessage.MAX_MESSAGE_BYTES, s.message().type() + " is over the message bound");
            DesktopMessage back = decode(s, wire);
            assertEquals(s.message().type(), back.type());
            assertEquals(HEX.formatHex(wire), HEX.formatHex(back.encode()), s.message().toString());
        }
    }

    /** The samples must keep up with the protocol: a new type fails here until it has one. */
    @Test
    void everyTypeHasASampleThatRoundTrips() {
        EnumSet<DesktopType> seen = EnumSet.noneOf(DesktopType.class);
        DesktopSamples.all().forEach(s -> seen.add(s.message().type()));
        assertEquals(EnumSet.allOf(DesktopType.class), seen);
    }

    @Test
    void messagesEitherSideSendsReadTheSameFromBoth() throws Exception {
        for (Sample s : DesktopSamples.all()) {
            DesktopType t = s.message().type();
            boolean sideBitMatters = t.name().startsWith("FILE_") && t != DesktopType.FILE_CANCEL;
            if (t.sender() == DesktopType.Sender.EITHER && !sideBitMatters) {
                for (Role from : Role.values()) {
                    byte[] wire = s.message().encode();
                    assertArrayEquals(wire, DesktopMessage.decode(t.stream(), from, wire).encode(), t + " from " + from);
                }
            }
        }
    }

    /** Codes, streams and senders are the protocol: reordering the enum must change none of them. */
    @Test
    void typesKeepTheirCodesStreamsAndSenders() {
        String table = """
                HELLO 01 CONTROL EITHER
                PERMISSIONS_IN_FORCE 02 CONTROL HOST
                PERMISSION_REFUSED 03 CONTROL HOST
                CHAT_LINE 10 CONTROL EITHER
                CLIPBOARD_TEXT 11 CONTROL EITHER
                FILE_OFFER 20 CONTROL EITHER
                FILE_ACCEPT 21 CONTROL EITHER
                FILE_REFUSE 22 CONTROL EITHER
                FILE_RESUME 23 CONTROL EITHER
                FILE_ACK 24 CONTROL EITHER
                FILE_DONE 25 CONTROL EITHER
                FILE_CANCEL 26 CONTROL EITHER
                FILE_CHUNK 27 FILES EITHER
                POINTER 30 INPUT GUEST
                KEY 31 INPUT GUEST
                TEXT_INPUT 32 INPUT GUEST
                ANNOTATION 33 INPUT GUEST
                UPDATE_REQUEST 40 SCREEN GUEST
                LAYOUT 41 SCREEN HOST
                SCREEN_UPDATE 42 SCREEN HOST
                CURSOR_SHAPE 50 CURSOR HOST
                CURSOR_SELECT 51 CURSOR HOST
                CURSOR_POSITION 52 CURSOR HOST
                """;
        List<String> rows = table.lines().toList();
        assertEquals(DesktopType.values().length, rows.size());
        for (String row : rows) {
            String[] f = row.split(" ");
            DesktopType t = DesktopType.valueOf(f[0]);
            assertEquals(Integer.parseInt(f[1], 16), t.code(), row);
            assertEquals(DesktopStream.valueOf(f[2]), t.stream(), row);
            assertEquals(DesktopType.Sender.valueOf(f[3]), t.sender(), row);
            assertEquals(t, DesktopType.of(t.code()));
        }
        assertEquals(List.of(1, 2, 3, 4, 5), Arrays.stream(DesktopStream.values()).map(DesktopStream::code).toList());
    }

    /** The windows of §2: never over the gateway's 4 MiB clip, nothing granted where a side never receives. */
    @Test
    void eachStreamHasTheWindowItsReceiverGrants() {
        assertEquals(512 << 10, DesktopStream.CONTROL.receiveWindowBytes(HOST));
        assertEquals(512 << 10, DesktopStream.CONTROL.receiveWindowBytes(GUEST));
        assertEquals(64 << 10, DesktopStream.INPUT.receiveWindowBytes(HOST));
        assertEquals(0, DesktopStream.INPUT.receiveWindowBytes(GUEST));
        assertEquals(64 << 10, DesktopStream.SCREEN.receiveWindowBytes(HOST));
        assertEquals(2 << 20, DesktopStream.SCREEN.receiveWindowBytes(GUEST));
        assertEquals(0, DesktopStream.CURSOR.receiveWindowBytes(HOST));
        assertEquals(256 << 10, DesktopStream.CURSOR.receiveWindowBytes(GUEST));
        assertEquals(2 << 20, DesktopStream.FILES.receiveWindowBytes(HOST));
        assertEquals(2 << 20, DesktopStream.FILES.receiveWindowBytes(GUEST));
    }

    /** A few records byte for byte, so the layout on the wire is pinned, not only its symmetry. */
    @Test
    void fieldsTravelBigEndianInTheDocumentedLayout() {
        assertEquals("300001000201ff880000", HEX.formatHex(new Pointer(1, 2, Pointer.LEFT, -120, 0).encode()));
        assertEquals("2180000001", HEX.formatHex(new FileAccept(new FileId(GUEST, 1)).encode()));
        assertEquals("020009", HEX.formatHex(new PermissionsInForce(EnumSet.of(Permission.VIEW, Permission.CHAT)).encode()));
        assertEquals("01010000000000026869", HEX.formatHex(new Hello("hi").encode()));
        assertEquals("42" + "00000007" + "00000003" + "01" + "03" + "0000" + "0001" + "0000000000400040" + "00" + "102030",
                HEX.formatHex(new ScreenUpdate(7, 3, 1, 0, true, true, List.of(new Rect.Solid(0, 0, 64, 64, 0x102030))).encode()));
        // Two colours, 1 bit an index, MSB first, rows padded: 011 and 101, then five zero bits each.
        Rect.Palette p = Rect.Palette.of(0, 0, 3, 2, new int[] {0x000000, 0xFFFFFF}, new int[] {0, 1, 1, 1, 0, 1});
        assertEquals("60a0", HEX.formatHex(p.indices()));
    }

    @Test
    void palettesPackAndUnpackAtOneTwoAndFourBitsWithPadding() throws Exception {
        for (int n : new int[] {2, 3, 4, 5, 16}) {
            for (int w : new int[] {1, 7, 13, 64}) {
                int[] colours = new int[n];
                for (int i = 0; i < n; i++) {
                    colours[i] = i * 0x0F0F0F;
                }
                int[] idx = DesktopSamples.indices(w * 5, n, n * 100 + w);
                Rect.Palette p = Rect.Palette.of(0, 0, w, 5, colours, idx);
                int bits = n == 2 ? 1 : n <= 4 ? 2 : 4;
                assertEquals((w * bits + 7) / 8 * 5, p.indices().length, n + " colours, width " + w);
                for (int row = 0; row < 5; row++) {
                    for (int col = 0; col < w; col++) {
                        assertEquals(idx[row * w + col], p.index(col, row), n + " colours, width " + w);
                    }
                }
                byte[] wire = new ScreenUpdate(1, 1, 1, 0, true, false, List.of(p)).encode();
                assertArrayEquals(wire, DesktopMessage.decode(DesktopStream.SCREEN, HOST, wire).encode());
            }
        }
    }

    // ---------------------------------------------------------------- refusals

    private record Bad(String what, DesktopStream stream, Role from, byte[] bytes, Reason reason) {
    }

    private static Bad bad(String what, Reason reason, TestBytes b) {
        byte[] bytes = b.array();
        DesktopType t = DesktopType.of(bytes[0] & 0xFF);
        Role from = t.sender() == DesktopType.Sender.HOST ? HOST : GUEST;
        return new Bad(what, t.stream(), from, bytes, reason);
    }

    private static Bad bad(String what, Reason reason, Role from, TestBytes b) {
        byte[] bytes = b.array();
        return new Bad(what, DesktopType.of(bytes[0] & 0xFF).stream(), from, bytes, reason);
    }

    private static TestBytes t(DesktopType type) {
        return TestBytes.of(type);
    }

    private static final byte[] SHA = DesktopSamples.sha256();

    /** Every malformed case of §4, each refused with its reason. */
    private static List<Bad> badRecords() {
        return List.of(
                bad("a hello of a version not spoken here", UNSUPPORTED_VERSION, t(DesktopType.HELLO).u8(2).u32(0).str("x")),
                bad("a future hello laid out differently", UNSUPPORTED_VERSION, t(DesktopType.HELLO).u8(2).u8(9, 9, 9)),
                bad("a hello of version 0", UNSUPPORTED_VERSION, t(DesktopType.HELLO).u8(0).u32(0).u16(0)),
                bad("a hello cut short", TRUNCATED, t(DesktopType.HELLO).u8(1).u16(0)),
                bad("a client name over 64 bytes", TOO_LARGE, t(DesktopType.HELLO).u8(1).u32(0).str("x".repeat(65))),
                bad("a client name with a control", MALFORMED, t(DesktopType.HELLO).u8(1).u32(0).str("a\tb")),
                bad("a client name that is not UTF-8", MALFORMED, t(DesktopType.HELLO).u8(1).u32(0).u16(2).u8(0xC3, 0x28)),
                bad("an overlong UTF-8 slash", MALFORMED, t(DesktopType.HELLO).u8(1).u32(0).u16(2).u8(0xC0, 0xAF)),
                bad("an encoded surrogate", MALFORMED, t(DesktopType.HELLO).u8(1).u32(0).u16(3).u8(0xED, 0xA0, 0x80)),
                bad("a code point past U+10FFFF", MALFORMED, t(DesktopType.HELLO).u8(1).u32(0).u16(4).u8(0xF4, 0x90, 0x80, 0x80)),
                bad("a hello with a byte more", TRAILING_BYTES, t(DesktopType.HELLO).u8(1).u32(0).str("x").u8(0)),
                bad("a permission bit no permission has", MALFORMED, t(DesktopType.PERMISSIONS_IN_FORCE).u16(0x80)),
                bad("a refusal of a type only the Host sends", OUT_OF_RANGE,
                        t(DesktopType.PERMISSION_REFUSED).u8(DesktopType.LAYOUT.code(), 0).u32(1)),
                bad("a refusal of an unknown type", OUT_OF_RANGE, t(DesktopType.PERMISSION_REFUSED).u8(0x7F, 1).u32(1)),
                bad("a refusal for an unknown permission", OUT_OF_RANGE,
                        t(DesktopType.PERMISSION_REFUSED).u8(DesktopType.KEY.code(), 7).u32(1)),
                bad("a refusal of nothing", OUT_OF_RANGE, t(DesktopType.PERMISSION_REFUSED).u8(DesktopType.KEY.code(), 1).u32(0)),
                bad("an empty chat line", OUT_OF_RANGE, t(DesktopType.CHAT_LINE).u16(0)),
                bad("a chat line over 4096 bytes", TOO_LARGE, t(DesktopType.CHAT_LINE).str("y".repeat(4097))),
                bad("a chat line with a carriage return", MALFORMED, t(DesktopType.CHAT_LINE).str("a\rb")),
                bad("a chat line with a C1 control", MALFORMED, t(DesktopType.CHAT_LINE).str("a\u0085b")),
                bad("clipboard text over 128 KiB", TOO_LARGE, t(DesktopType.CLIPBOARD_TEXT).u32(131_073).zeros(8)),
                bad("clipboard text with a NUL", MALFORMED, t(DesktopType.CLIPBOARD_TEXT).u32(3).u8('a', 0, 'b')),
                bad("clipboard text that claims more than is there", TRUNCATED, t(DesktopType.CLIPBOARD_TEXT).u32(131_072).u8('a', 'b', 'c')),
                bad("a file larger than 2^40", OUT_OF_RANGE,
                        t(DesktopType.FILE_OFFER).u32(0x8000_0001L).u64((1L << 40) + 1).raw(SHA).str("a.txt")),
                bad("a file of a negative size", OUT_OF_RANGE, t(DesktopType.FILE_OFFER).u32(0x8000_0001L).u64(-1).raw(SHA).str("a.txt")),
                bad("a Guest offering under a Host id", MALFORMED, t(DesktopType.FILE_OFFER).u32(1).u64(1).raw(SHA).str("a.txt")),
                bad("a file id numbered 0", OUT_OF_RANGE, t(DesktopType.FILE_OFFER).u32(0x8000_0000L).u64(1).raw(SHA).str("a.txt")),
                bad("a file name with a slash", MALFORMED, t(DesktopType.FILE_OFFER).u32(0x8000_0001L).u64(1).raw(SHA).str("a/b")),
                bad("an empty file name", OUT_OF_RANGE, t(DesktopType.FILE_OFFER).u32(0x8000_0001L).u64(1).raw(SHA).str("")),
                bad("a file name over 255 bytes", TOO_LARGE,
                        t(DesktopType.FILE_OFFER).u32(0x8000_0001L).u64(1).raw(SHA).str("n".repeat(256))),
                bad("a device for a file name", MALFORMED, t(DesktopType.FILE_OFFER).u32(0x8000_0001L).u64(1).raw(SHA).str("con.txt")),
                bad("an offer cut inside its hash", TRUNCATED, t(DesktopType.FILE_OFFER).u32(0x8000_0001L).u64(1).zeros(20)),
                bad("a Guest accepting its own file", MALFORMED, t(DesktopType.FILE_ACCEPT).u32(0x8000_0001L)),
                bad("a refusal for no reason", OUT_OF_RANGE, HOST, t(DesktopType.FILE_REFUSE).u32(0x8000_0001L).u8(0)),
                bad("a refusal for an unknown reason", OUT_OF_RANGE, HOST, t(DesktopType.FILE_REFUSE).u32(0x8000_0001L).u8(5)),
                bad("a Host refusing its own file", MALFORMED, HOST, t(DesktopType.FILE_REFUSE).u32(1).u8(1)),
                bad("a resume past 2^40", OUT_OF_RANGE, HOST, t(DesktopType.FILE_RESUME).u32(0x8000_0001L).u64((1L << 40) + 1)),
                bad("an ack past 2^64", OUT_OF_RANGE, HOST, t(DesktopType.FILE_ACK).u32(0x8000_0001L).u64(-1)),
                bad("a done for the sender's own file", MALFORMED, HOST, t(DesktopType.FILE_DONE).u32(1)),
                bad("a cancel for an unknown reason", OUT_OF_RANGE, t(DesktopType.FILE_CANCEL).u32(1).u8(6)),
                bad("an empty chunk", OUT_OF_RANGE, t(DesktopType.FILE_CHUNK).u32(0x8000_0001L).u64(0).u32(0)),
                bad("a chunk over 64 KiB", TOO_LARGE, t(DesktopType.FILE_CHUNK).u32(0x8000_0001L).u64(0).u32(65_537).zeros(16)),
                bad("a chunk that claims 4 GiB", TOO_LARGE, t(DesktopType.FILE_CHUNK).u32(0x8000_0001L).u64(0).u32(0xFFFF_FFFFL)),
                bad("a chunk that claims more than is there", TRUNCATED, t(DesktopType.FILE_CHUNK).u32(0x8000_0001L).u64(0).u32(65_536).u8(1)),
                bad("a chunk past 2^40", OUT_OF_RANGE, t(DesktopType.FILE_CHUNK).u32(0x8000_0001L).u64(1L << 40).u32(1).u8(1)),
                bad("a Guest sending chunks of a Host file", MALFORMED, t(DesktopType.FILE_CHUNK).u32(1).u64(0).u32(1).u8(1)),
                bad("a pointer off the largest desktop", OUT_OF_RANGE, t(DesktopType.POINTER).u16(16_384, 0).u8(0).u16(0, 0)),
                bad("a pointer button that does not exist", MALFORMED, t(DesktopType.POINTER).u16(0, 0).u8(0x20).u16(0, 0)),
                bad("a wheel turned more than 32 notches", OUT_OF_RANGE, t(DesktopType.POINTER).u16(0, 0).u8(0).u16(3841, 0)),
                bad("a wheel turned more than 32 notches back", OUT_OF_RANGE, t(DesktopType.POINTER).u16(0, 0).u8(0).u16(0, 0x10000 - 3841)),
                bad("a pointer with a byte more", TRAILING_BYTES, t(DesktopType.POINTER).u16(0, 0).u8(0).u16(0, 0).u8(0)),
                bad("a pointer cut short", TRUNCATED, t(DesktopType.POINTER).u16(0, 0).u8(0).u16(0)),
                bad("key code 0", OUT_OF_RANGE, t(DesktopType.KEY).u32(0).u8(1, 0, 1)),
                bad("a key code between the VKs and the extended codes", OUT_OF_RANGE, t(DesktopType.KEY).u32(0x10000).u8(1, 0, 1)),
                bad("an extended key code past Unicode", OUT_OF_RANGE, t(DesktopType.KEY).u32(0x0111_0000L).u8(1, 0, 1)),
                bad("a key location that does not exist", OUT_OF_RANGE, t(DesktopType.KEY).u32(65).u8(5, 0, 1)),
                bad("a modifier that does not exist", MALFORMED, t(DesktopType.KEY).u32(65).u8(1, 0x20, 1)),
                bad("a key neither up nor down", MALFORMED, t(DesktopType.KEY).u32(65).u8(1, 0, 2)),
                bad("typed text with a line feed", MALFORMED, t(DesktopType.TEXT_INPUT).str("a\nb")),
                bad("empty typed text", OUT_OF_RANGE, t(DesktopType.TEXT_INPUT).u16(0)),
                bad("typed text over 256 bytes", TOO_LARGE, t(DesktopType.TEXT_INPUT).str("z".repeat(257))),
                bad("an annotation mode that does not exist", OUT_OF_RANGE, t(DesktopType.ANNOTATION).u16(0, 0).u8(3)),
                bad("a request at scale 0", OUT_OF_RANGE, t(DesktopType.UPDATE_REQUEST).u32(1).u32(1).u8(1, 0).u16(0, 0, 8, 8)),
                bad("a request at scale 5", OUT_OF_RANGE, t(DesktopType.UPDATE_REQUEST).u32(1).u32(1).u8(1, 5).u16(0, 0, 8, 8)),
                bad("a request for an empty region", OUT_OF_RANGE, t(DesktopType.UPDATE_REQUEST).u32(1).u32(1).u8(1, 1).u16(0, 0, 0, 8)),
                bad("a request past the largest desktop", OUT_OF_RANGE,
                        t(DesktopType.UPDATE_REQUEST).u32(1).u32(1).u8(1, 1).u16(16_000, 0, 385, 8)),
                bad("a request flag that does not exist", MALFORMED, t(DesktopType.UPDATE_REQUEST).u32(1).u32(1).u8(3, 1).u16(0, 0, 8, 8)),
                bad("a desktop of width 0", OUT_OF_RANGE, t(DesktopType.LAYOUT).u32(1).u16(0, 8).u8(1).u16(0, 0, 1, 1).u8(1)),
                bad("a desktop wider than 16384", OUT_OF_RANGE, t(DesktopType.LAYOUT).u32(1).u16(16_385, 8).u8(1).u16(0, 0, 1, 1).u8(1)),
                bad("a desktop of more than 2^25 pixels", TOO_LARGE, t(DesktopType.LAYOUT).u32(1).u16(8192, 4097).u8(1).u16(0, 0, 1, 1).u8(1)),
                bad("a desktop without monitors", OUT_OF_RANGE, t(DesktopType.LAYOUT).u32(1).u16(8, 8).u8(0)),
                bad("17 monitors", TOO_LARGE, t(DesktopType.LAYOUT).u32(1).u16(8, 8).u8(17).zeros(17 * 9)),
                bad("16 monitors claimed, one there", TRUNCATED, t(DesktopType.LAYOUT).u32(1).u16(8, 8).u8(16).u16(0, 0, 1, 1).u8(1)),
                bad("a monitor off the desktop", OUT_OF_RANGE, t(DesktopType.LAYOUT).u32(1).u16(8, 8).u8(1).u16(4, 0, 8, 8).u8(1)),
                bad("two primary monitors", MALFORMED, t(DesktopType.LAYOUT).u32(1).u16(8, 8).u8(2).u16(0, 0, 4, 8).u8(1).u16(4, 0, 4, 8).u8(1)),
                bad("no primary monitor", MALFORMED, t(DesktopType.LAYOUT).u32(1).u16(8, 8).u8(1).u16(0, 0, 8, 8).u8(0)),
                bad("a monitor flag that does not exist", MALFORMED, t(DesktopType.LAYOUT).u32(1).u16(8, 8).u8(1).u16(0, 0, 8, 8).u8(3)),
                bad("an update at scale 0", OUT_OF_RANGE, TestBytes.update(0, 1, 0, 0)),
                bad("an update flag that does not exist", MALFORMED, TestBytes.update(1, 5, 0, 0)),
                bad("a zlib reset after part 0", MALFORMED, TestBytes.update(1, 3, 1, 0)),
                bad("an empty part that is not the last", MALFORMED, TestBytes.update(1, 0, 0, 0)),
                bad("2049 rects", TOO_LARGE, TestBytes.update(1, 1, 0, 2049).zeros(2049 * 12)),
                bad("2048 rects claimed, one there", TRUNCATED, TestBytes.update(1, 1, 0, 2048).rect(0, 0, 1, 1, Rect.Encoding.SOLID).u8(1, 2, 3)),
                bad("an update with a byte more", TRAILING_BYTES, TestBytes.update(1, 1, 0, 1).rect(0, 0, 1, 1, Rect.Encoding.SOLID).u8(1, 2, 3, 4)),
                bad("a rect of width 0", OUT_OF_RANGE, TestBytes.update(1, 1, 0, 1).rect(0, 0, 0, 1, Rect.Encoding.SOLID).u8(1, 2, 3)),
                bad("a rect past the largest desktop", OUT_OF_RANGE, TestBytes.update(1, 1, 0, 1).rect(16_380, 0, 5, 1, Rect.Encoding.SOLID).u8(1, 2, 3)),
                bad("the reserved encoding 5", OUT_OF_RANGE, TestBytes.update(1, 1, 0, 1).u16(0, 0, 1, 1).u8(5).zeros(3)),
                // Two rects, so the count fits what is left and the second one is cut inside its colour.
                bad("a rect cut inside its colour", TRUNCATED, TestBytes.update(1, 1, 0, 2).rect(0, 0, 1, 1, Rect.Encoding.COPY).u16(0, 0)
                        .rect(0, 0, 1, 1, Rect.Encoding.SOLID).u8(1, 2)),
                bad("a copy from past the largest desktop", OUT_OF_RANGE, TestBytes.update(1, 1, 0, 1).rect(0, 0, 8, 8, Rect.Encoding.COPY).u16(16_380, 0)),
                bad("a palette of one colour", OUT_OF_RANGE, TestBytes.update(1, 1, 0, 1).rect(0, 0, 8, 1, Rect.Encoding.PALETTE).u8(1).u8(0, 0, 0).u8(0)),
                bad("a palette of 17 colours", OUT_OF_RANGE,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 2, 1, Rect.Encoding.PALETTE).u8(17).zeros(17 * 3 + 1)),
                bad("a palette naming a colour twice", MALFORMED,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 8, 1, Rect.Encoding.PALETTE).u8(2).u8(9, 9, 9, 9, 9, 9).u8(0x0F)),
                bad("a palette index past the colours", MALFORMED,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 4, 1, Rect.Encoding.PALETTE).u8(3).u8(0, 0, 0, 1, 1, 1, 2, 2, 2).u8(0b00_01_10_11)),
                bad("a palette row with pad bits set", MALFORMED,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 3, 1, Rect.Encoding.PALETTE).u8(2).u8(0, 0, 0, 1, 1, 1).u8(0b101_00001)),
                bad("a palette rect over 65536 pixels", TOO_LARGE,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 257, 256, Rect.Encoding.PALETTE).u8(2).u8(0, 0, 0, 1, 1, 1)),
                bad("palette indices cut short", TRUNCATED,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 256, 256, Rect.Encoding.PALETTE).u8(16).zeros(48).zeros(100)),
                bad("a zlib palette of one colour", OUT_OF_RANGE,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 8, 1, Rect.Encoding.PALETTE_ZLIB).u8(1).u8(0, 0, 0).u8(1).u32(1).u8(0)),
                bad("a zlib palette of 17 colours", OUT_OF_RANGE,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 8, 1, Rect.Encoding.PALETTE_ZLIB).u8(17).zeros(17 * 3).u8(1).u32(1).u8(0)),
                bad("a zlib palette naming a colour twice", MALFORMED,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 8, 1, Rect.Encoding.PALETTE_ZLIB).u8(2).u8(9, 9, 9, 9, 9, 9).u8(1).u32(1).u8(0)),
                bad("a zlib palette on stream 4", OUT_OF_RANGE,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 8, 1, Rect.Encoding.PALETTE_ZLIB).u8(2).u8(0, 0, 0, 1, 1, 1).u8(4).u32(1).u8(0)),
                bad("a zlib palette over 65536 pixels", TOO_LARGE,
                        TestBytes.update(1, 1, 0, 1).rect(0, 0, 300, 300, Rect.Encoding.PALETTE_ZLIB).u8(2).u8(0, 0, 0, 1, 1, 1).u8(1).u32(1).u8(0)),
                bad("zlib stream 4", OUT_OF_RANGE, TestBytes.update(1, 1, 0, 1).rect(0, 0, 1, 1, Rect.Encoding.ZLIB).u8(4).u32(1).u8(0)),
                bad("zlib that claims 4 GiB", TOO_LARGE, TestBytes.update(1, 1, 0, 1).rect(0, 0, 1, 1, Rect.Encoding.ZLIB).u8(0).u32(0xFFFF_FFFFL)),
                bad("a zlib rect over 65536 pixels", TOO_LARGE, TestBytes.update(1, 1, 0, 1).rect(0, 0, 300, 300, Rect.Encoding.ZLIB).u8(0).u32(1).u8(0)),
                bad("a raw rect over 65536 pixels", TOO_LARGE, TestBytes.update(1, 1, 0, 1).rect(0, 0, 16_384, 16_384, Rect.Encoding.RAW).zeros(3)),
                bad("raw pixels cut short", TRUNCATED, TestBytes.update(1, 1, 0, 1).rect(0, 0, 2, 2, Rect.Encoding.RAW).zeros(11)),
                bad("cursor slot 32", OUT_OF_RANGE, t(DesktopType.CURSOR_SHAPE).u8(32, 1, 1, 0, 0).u32(0)),
                bad("a cursor of width 0", OUT_OF_RANGE, t(DesktopType.CURSOR_SHAPE).u8(0, 0, 1, 0, 0)),
                bad("a cursor wider than 128", OUT_OF_RANGE, t(DesktopType.CURSOR_SHAPE).u8(0, 129, 1, 0, 0).zeros(129 * 4)),
                bad("a hot spot off the cursor", OUT_OF_RANGE, t(DesktopType.CURSOR_SHAPE).u8(0, 1, 1, 1, 0).u32(0)),
                bad("cursor pixels cut short", TRUNCATED, t(DesktopType.CURSOR_SHAPE).u8(0, 2, 2, 0, 0).zeros(15)),
                bad("selecting cursor slot 32", OUT_OF_RANGE, t(DesktopType.CURSOR_SELECT).u8(32)),
                bad("a cursor neither visible nor hidden", MALFORMED, t(DesktopType.CURSOR_POSITION).u16(0, 0).u8(2)),
                bad("a cursor off the largest desktop", OUT_OF_RANGE, t(DesktopType.CURSOR_POSITION).u16(0, 16_384).u8(1)));
    }

    @Test
    void eachMalformedRecordIsRefusedWithItsReason() {
        for (Bad b : badRecords()) {
            assertEquals(b.reason(), refusal(b.stream(), b.from(), b.bytes()), b.what());
        }
    }

    @Test
    void emptyOversizedAndUnknownRecordsAreRefused() {
        assertEquals(TRUNCATED, refusal(DesktopStream.CONTROL, HOST, new byte[0]));
        assertEquals(UNKNOWN_TYPE, refusal(DesktopStream.CONTROL, HOST, new byte[] {0x7F}));
        assertEquals(UNKNOWN_TYPE, refusal(DesktopStream.CONTROL, HOST, new byte[] {0}));
        assertEquals(UNKNOWN_TYPE, refusal(DesktopStream.SCREEN, HOST, new byte[] {0x43, 0, 0}));
        byte[] huge = new byte[DesktopMessage.MAX_MESSAGE_BYTES + 1];
        huge[0] = (byte) DesktopType.FILE_CHUNK.code();
        assertEquals(TOO_LARGE, refusal(DesktopStream.FILES, GUEST, huge));
    }

    @Test
    void aRecordOnAStreamItDoesNotTravelOnIsRefusedWhateverItHolds() throws Exception {
        for (Sample s : DesktopSamples.all()) {
            for (DesktopStream other : DesktopStream.values()) {
                if (other != s.stream()) {
                    assertEquals(WRONG_STREAM, refusal(other, s.from(), s.message().encode()), s.message().type() + " on " + other);
                }
            }
        }
        for (int unused : new int[] {0, 6, 7, 63, 64, 0xFFFF}) {
            DesktopProtocolException e = assertThrows(DesktopProtocolException.class, () -> DesktopStream.of(unused));
            assertEquals(WRONG_STREAM, e.reason());
        }
    }

    /** The side is checked before any field: a Guest's Layout is refused even when it is only a type byte. */
    @Test
    void aTypeFromTheSideThatNeverSendsItIsRefusedBeforeItsFieldsAreRead() {
        for (DesktopType t : DesktopType.values()) {
            if (t.sender() != DesktopType.Sender.EITHER) {
                Role wrong = t.sender() == DesktopType.Sender.HOST ? GUEST : HOST;
                assertEquals(WRONG_SIDE, refusal(t.stream(), wrong, DesktopSamples.of(t).message().encode()), t.toString());
                assertEquals(WRONG_SIDE, refusal(t.stream(), wrong, new byte[] {(byte) t.code()}), t.toString());
            }
        }
    }

    /**
     * Cut at every length, or with any one byte changed, a record is refused with a reason or
     * reads as a message that writes back to exactly those bytes: never another exception.
     */
    @Test
    void everyCutAndEveryFlippedByteIsRefusedOrReencodesExactly() {
        Random random = new Random(11);
        for (Sample s : DesktopSamples.all()) {
            byte[] wire = s.message().encode();
            if (wire.length > 4096) {
                continue;
            }
            for (int cut = 0; cut < wire.length; cut++) {
                refusedOrExact(s, Arrays.copyOf(wire, cut));
            }
            for (int at = 0; at < wire.length; at++) {
                byte[] flipped = wire.clone();
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                refusedOrExact(s, flipped);
                flipped[at] = (byte) 0xFF;
                refusedOrExact(s, flipped);
            }
        }
    }

    private static void refusedOrExact(Sample s, byte[] bytes) {
        try {
            assertEquals(HEX.formatHex(bytes), HEX.formatHex(decode(s, bytes).encode()));
        } catch (DesktopProtocolException refused) {
            // refused with a reason: fine
        }
    }

    /**
     * A length or count that lies is refused before anything is allocated for it: decoding a
     * few bytes that claim up to gigabytes allocates a few kilobytes at most, not what they
     * claim. Measured with the JVM's per-thread allocation counter.
     */
    @Test
    void lengthsThatLieNeverCauseBigAllocations() {
        java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assumeTrue(plain instanceof com.sun.management.ThreadMXBean, "no allocation counter on this JVM");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) plain;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(), "no allocation counter on this JVM");
        Map<String, Bad> lies = new java.util.LinkedHashMap<>();
        lies.put("clipboard", bad("128 KiB of clipboard claimed", TRUNCATED, t(DesktopType.CLIPBOARD_TEXT).u32(131_072).u8('a')));
        lies.put("clipboard 4 GiB", bad("4 GiB of clipboard claimed", TOO_LARGE, t(DesktopType.CLIPBOARD_TEXT).u32(0xFFFF_FFFFL)));
        lies.put("chunk", bad("64 KiB of chunk claimed", TRUNCATED, t(DesktopType.FILE_CHUNK).u32(0x8000_0001L).u64(0).u32(65_536).u8(1)));
        lies.put("chunk 4 GiB", bad("4 GiB of chunk claimed", TOO_LARGE, t(DesktopType.FILE_CHUNK).u32(0x8000_0001L).u64(0).u32(0xFFFF_FFFFL)));
        lies.put("rects", bad("2048 rects claimed", TRUNCATED, TestBytes.update(1, 1, 0, 2048).rect(0, 0, 1, 1, Rect.Encoding.SOLID).u8(1, 2, 3)));
        lies.put("raw", bad("a 256x256 raw rect claimed", TRUNCATED, TestBytes.update(1, 1, 0, 1).rect(0, 0, 256, 256, Rect.Encoding.RAW).zeros(3)));
        lies.put("raw huge", bad("a 16384x16384 raw rect claimed", TOO_LARGE,
                TestBytes.update(1, 1, 0, 1).rect(0, 0, 16_384, 16_384, Rect.Encoding.RAW).zeros(3)));
        lies.put("palette", bad("256x256 palette indices claimed", TRUNCATED,
                TestBytes.update(1, 1, 0, 1).rect(0, 0, 256, 256, Rect.Encoding.PALETTE).u8(16).zeros(48)));
        lies.put("zlib", bad("256 KiB of zlib claimed", TRUNCATED,
                TestBytes.update(1, 1, 0, 1).rect(0, 0, 256, 256, Rect.Encoding.ZLIB).u8(0).u32(Rect.MAX_ZLIB_BYTES).u8(0)));
        lies.put("cursor", bad("a 128x128 cursor claimed", TRUNCATED, t(DesktopType.CURSOR_SHAPE).u8(0, 128, 128, 0, 0).u32(0)));
        lies.put("monitors", bad("16 monitors claimed", TRUNCATED, t(DesktopType.LAYOUT).u32(1).u16(8, 8).u8(16)));
        long budget = 16 << 10;
        for (Map.Entry<String, Bad> lie : lies.entrySet()) {
            Bad b = lie.getValue();
            for (int warm = 0; warm < 3; warm++) {
                refusal(b.stream(), b.from(), b.bytes());
            }
            long thread = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(thread);
            assertEquals(b.reason(), refusal(b.stream(), b.from(), b.bytes()), b.what());
            long allocated = mx.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < budget, lie.getKey() + ": " + b.what() + " allocated " + allocated + " bytes");
        }
    }

    // ---------------------------------------------------------------- building

    /** What the decoder refuses cannot be built either, so a side never sends what its peer refuses. */
    @Test
    void recordsRefuseToBeBuiltWithValuesTheDecoderWouldRefuse() {
        List<Executable> bad = List.of(
                () -> new ChatLine(""),
                () -> new ChatLine("lone \uD800 surrogate"),
                () -> new ChatLine("bell \u0007"),
                () -> new Pointer(16_384, 0, 0, 0, 0),
                () -> new Pointer(0, 0, 0x20, 0, 0),
                () -> new DesktopMessage.Key(0, DesktopMessage.Key.Location.STANDARD, 0, true),
                () -> new DesktopMessage.PermissionRefused(DesktopType.SCREEN_UPDATE, Permission.VIEW, 1),
                () -> new FileId(GUEST, 0),
                () -> new FileOffer(new FileId(GUEST, 1), 1, new byte[31], new FileName("a")),
                () -> new DesktopMessage.FileChunk(new FileId(GUEST, 1), DesktopMessage.MAX_FILE_BYTES, new byte[1]),
                () -> new Rect.Palette(0, 0, 1, 1, new int[] {5, 5}, new byte[1]),
                () -> Rect.Palette.of(0, 0, 2, 1, new int[] {1, 2, 3}, new int[] {0, 3}),
                () -> new Rect.Raw(0, 0, 2, 2, new byte[11]),
                () -> new Rect.Solid(0, 0, 1, 1, 0xFF00_0000),
                () -> new Rect.Zlib(0, 0, 1, 1, 4, new byte[1]),
                () -> new Rect.PaletteZlib(0, 0, 1, 1, new int[] {1, 2}, 0, new byte[DesktopMessage.MAX_MESSAGE_BYTES + 1]),
                () -> new ScreenUpdate(1, 1, 1, 1, true, true, List.of()),
                () -> new ScreenUpdate(1, 1, 1, 0, false, false, List.of()),
                () -> new ScreenUpdate(1, 1, 1, 0, true, false, List.of(
                        new Rect.Raw(0, 0, 256, 256, new byte[196_608]), new Rect.Raw(0, 0, 256, 256, new byte[196_608]))),
                () -> new Layout(1, 8, 8, List.of(new Layout.Monitor(0, 0, 8, 8, false))),
                () -> new DesktopMessage.CursorShape(0, 2, 2, 2, 0, new int[4]));
        for (Executable e : bad) {
            assertThrows(IllegalArgumentException.class, e);
        }
    }

    @Test
    void fileNamesAreOnePlainNameSafeOnEverySystem() {
        for (String ok : List.of("a", "Rechnung März.pdf", "CONSOLE.txt", "COM10", "con1", "a.b.c", "x".repeat(255), "é".repeat(127), "😀")) {
            assertEquals(ok, new FileName(ok).value());
        }
        Map<String, Reason> refused = new java.util.LinkedHashMap<>();
        refused.put("", OUT_OF_RANGE);
        refused.put("x".repeat(256), TOO_LARGE);
        refused.put("é".repeat(128), TOO_LARGE);
        for (String bad : List.of("a/b", "a\\b", "c:", "c:evil", ".", "..", " a", "a ", ".bashrc", "a.", "CON", "con.txt",
                "NUL .txt", "Lpt9.tar.gz", "aux", "COM1", "tab\there", "nul\u0000")) {
            refused.put(bad, MALFORMED);
        }
        for (Map.Entry<String, Reason> e : refused.entrySet()) {
            InvalidField thrown = assertThrows(InvalidField.class, () -> new FileName(e.getKey()), e.getKey());
            assertEquals(e.getValue(), thrown.reason(), e.getKey());
        }
    }

    @Test
    void fileIdsCarryTheOfferingSideInBit31() {
        assertEquals(0x8000_0001L, new FileId(GUEST, 1).wire());
        assertEquals(0x7FFF_FFFFL, new FileId(HOST, FileId.MAX_NUMBER).wire());
        assertEquals(new FileId(GUEST, 42), FileId.fromWire(0x8000_002AL));
        assertEquals(new FileId(HOST, 42), FileId.fromWire(42));
        assertThrows(IllegalArgumentException.class, () -> FileId.fromWire(0x8000_0000L));
    }

    /** Keys and typed text are what people type, passwords included: a message's string form never shows them. */
    @Test
    void whatPeopleTypeNeverShowsInAMessagesStringForm() {
        String secret = "hunter2";
        assertTrue(!new DesktopMessage.TextInput(secret).toString().contains(secret));
        assertTrue(!new ChatLine(secret).toString().contains(secret));
        assertTrue(!new DesktopMessage.ClipboardText(secret).toString().contains(secret));
        assertTrue(!new DesktopMessage.Key('Q', DesktopMessage.Key.Location.STANDARD, 0, true).toString().contains("81"));
    }

    @Test
    void reasonsCoverEveryCaseThePlanNames() {
        EnumMap<Reason, Integer> seen = new EnumMap<>(Reason.class);
        badRecords().forEach(b -> seen.merge(b.reason(), 1, Integer::sum));
        for (Reason r : List.of(UNSUPPORTED_VERSION, TRUNCATED, TRAILING_BYTES, TOO_LARGE, OUT_OF_RANGE, MALFORMED)) {
            assertTrue(seen.containsKey(r), r + " has no case");
        }
    }
}
