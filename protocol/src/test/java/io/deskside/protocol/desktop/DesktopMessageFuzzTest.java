package io.deskside.protocol.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deskside.protocol.wire.Message.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Whatever records arrive, on whatever stream and from whichever side, the desktop decoder
 * either reads each as a message that re-encodes to exactly its bytes, or says
 * {@link DesktopProtocolException}; it never throws anything else. The build fuzzes it for a
 * bounded time (JAZZER_FUZZ=1 in the protocol module's {@code fuzz-desktop-messages}
 * execution); otherwise it replays the committed inputs in DesktopMessageFuzzTestInputs, which
 * {@link DesktopSeeds} writes.
 *
 * <p>Stateless: each record is decoded on its own, and a refusal does not stop the next one.
 * {@link DesktopSessionFuzzTest} takes the same inputs and carries state across the records of
 * one input (a {@code ScreenDecoder}, a {@code CursorCache} and the {@code FileReceiver}s), to
 * reach persistent zlib, part order and the file machines.
 */
class DesktopMessageFuzzTest {

    /**
     * One record of a fuzz input: {@code [u8 selector][u16 length][record]}. Selector bits 0-2
     * are the stream number (0, 6 and 7 are streams the desktop does not use), bit 3 the
     * sender's role code (0 Host, 1 Guest); bits 4-7 are ignored here ({@link DesktopSessionFuzzTest}
     * lets that many seconds pass first). A length past the end of the input takes what is left,
     * so only the last record of an input can be longer than 65,535 bytes.
     */
    record Item(int selector, byte[] record) {
        DesktopStream stream() throws DesktopProtocolException {
            return DesktopStream.of(selector & 7);
        }

        Role from() {
            return (selector & 8) == 0 ? Role.HOST : Role.GUEST;
        }

        static int selector(DesktopStream stream, Role from) {
            return stream.code() | from.code() << 3;
        }
    }

    static List<Item> items(byte[] input) {
        List<Item> items = new ArrayList<>();
        int at = 0;
        while (input.length - at >= 3) {
            int selector = input[at] & 0xFF;
            int length = Math.min((input[at + 1] & 0xFF) << 8 | input[at + 2] & 0xFF, input.length - at - 3);
            items.add(new Item(selector, Arrays.copyOfRange(input, at + 3, at + 3 + length)));
            at += 3 + length;
        }
        return items;
    }

    /** Decodes one item: the message, which re-encodes to exactly the record, or the refusal. */
    static DesktopMessage decodeExactly(Item item) throws DesktopProtocolException {
        DesktopStream stream = item.stream();
        DesktopMessage m = DesktopMessage.decode(stream, item.from(), item.record());
        byte[] again = m.encode();
        if (!Arrays.equals(item.record(), again)) {
            // Hex only on failure: the fuzzer runs this millions of times.
            fail(m.type() + " re-encodes differently:\n" + HexFormat.of().formatHex(item.record()) + "\n" + HexFormat.of().formatHex(again));
        }
        assertEquals(stream, m.type().stream(), "a message decoded on a stream it does not travel on");
        assertTrue(m.type().sender().includes(item.from()), "a message decoded from a side that never sends it");
        return m;
    }

    @FuzzTest(maxDuration = "30s")
    void decodesOrRefusesAndNeverThrowsAnythingElse(byte[] input) {
        for (Item item : items(input)) {
            try {
                decodeExactly(item);
            } catch (DesktopProtocolException refused) {
                // refused with a reason: fine, and the next record is decoded on its own
            }
        }
    }
}
