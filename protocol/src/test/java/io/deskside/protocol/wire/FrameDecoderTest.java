package io.deskside.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final Frame PING = new Frame(FrameType.PING, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    private static final Frame DATA = new Frame(FrameType.DATA, 3, "screen update".getBytes());
    private static final Frame EMPTY = new Frame(FrameType.DISCONNECT, 0, new byte[0]);

    @Test
    void framesSurviveBeingCutAtEveryByte() throws Exception {
        byte[] wire = concat(PING.encode(), DATA.encode(), EMPTY.encode());
        for (int cut = 0; cut <= wire.length; cut++) {
            FrameDecoder d = new FrameDecoder();
            List<Frame> got = new ArrayList<>(d.feed(java.util.Arrays.copyOfRange(wire, 0, cut)));
            got.addAll(d.feed(java.util.Arrays.copyOfRange(wire, cut, wire.length)));
            assertEquals(List.of(PING, DATA, EMPTY), got, "cut at " + cut);
            assertTrue(d.atBoundary());
        }
    }

    @Test
    void oneByteAtATimeWorksToo() throws Exception {
        FrameDecoder d = new FrameDecoder();
        List<Frame> got = new ArrayList<>();
        for (byte b : concat(DATA.encode(), PING.encode())) {
            got.addAll(d.feed(new byte[] {b}));
        }
        assertEquals(List.of(DATA, PING), got);
    }

    @Test
    void anOversizedClaimIsRefusedBeforeItsPayloadArrives() {
        byte[] header = {1, (byte) FrameType.DATA.code(), 0, 1, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        ProtocolException e = assertThrows(ProtocolException.class, () -> new FrameDecoder().feed(header));
        assertEquals(ProtocolException.Reason.TOO_LARGE, e.reason());
        byte[] justOver = {1, (byte) FrameType.DATA.code(), 0, 1, 0, 0, 4, 1};
        assertEquals(ProtocolException.Reason.TOO_LARGE,
                assertThrows(ProtocolException.class, () -> new FrameDecoder(1024).feed(justOver)).reason());
    }

    @Test
    void unknownTypesAndVersionsAreRefused() {
        byte[] unknown = {1, (byte) 200, 0, 0, 0, 0, 0, 0};
        assertEquals(ProtocolException.Reason.UNKNOWN_TYPE,
                assertThrows(ProtocolException.class, () -> new FrameDecoder().feed(unknown)).reason());
        byte[] future = {2, 1, 0, 0, 0, 0, 0, 0};
        assertEquals(ProtocolException.Reason.BAD_VERSION,
                assertThrows(ProtocolException.class, () -> new FrameDecoder().feed(future)).reason());
        byte[] http = "GET / HTTP/1.1\r\n".getBytes();
        assertThrows(ProtocolException.class, () -> new FrameDecoder().feed(http));
    }

    @Test
    void aStreamThatEndsInsideAFrameIsTruncated() throws Exception {
        FrameDecoder d = new FrameDecoder();
        byte[] wire = DATA.encode();
        d.feed(java.util.Arrays.copyOf(wire, wire.length - 1));
        assertEquals(ProtocolException.Reason.TRUNCATED, assertThrows(ProtocolException.class, d::finish).reason());
    }

    @Test
    void aDecoderThatSawBadInputStaysBroken() throws Exception {
        FrameDecoder d = new FrameDecoder();
        assertThrows(ProtocolException.class, () -> d.feed(new byte[] {9, 9, 9, 9, 9, 9, 9, 9}));
        assertThrows(ProtocolException.class, () -> d.feed(PING.encode()), "nothing after a protocol error is believed");
    }

    @Test
    void framesRefuseWhatTheWireCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> new Frame(FrameType.DATA, 70_000, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Frame(FrameType.DATA, 0, new byte[Frame.MAX_PAYLOAD_BYTES + 1]));
    }

    @Test
    void aWholeFrameInOnePieceCostsOneExactAllocation() throws Exception {
        byte[] message = new Frame(FrameType.DATA, 7, new byte[20_000]).encode();
        Frame f = new FrameDecoder().feed(message).get(0);
        assertTrue(f.encode() != message, "the decoder keeps its own copy: the caller may reuse its buffer");
        assertEquals(message.length, f.encode().length);
        assertEquals(7, f.stream());
        assertEquals(20_000, f.payloadLength());
    }

    @Test
    void aFrameIsItsWireFormAndItsPayloadIsACopy() {
        byte[] payload = "abc".getBytes();
        Frame f = new Frame(FrameType.DATA, 2, payload);
        payload[0] = 'x';
        assertEquals("abc", new String(f.payload()));
        f.payload()[1] = 'y';
        assertEquals("abc", new String(f.payload()));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
