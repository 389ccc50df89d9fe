package io.deskside.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever bytes arrive, in whatever pieces, the decoder either yields frames that re-encode to
 * exactly the bytes they came from, or says {@link ProtocolException}; it never throws anything
 * else and never yields more payload than it was fed. Each frame then reads as a message that
 * writes back to the same frame, or is refused. The build fuzzes it for a bounded time
 * (JAZZER_FUZZ=1 in the protocol module's fuzz execution); otherwise it replays the committed
 * inputs in FrameDecoderFuzzTestInputs.
 */
class FrameDecoderFuzzTest {

    /** A frame either reads as a message that writes back to the same frame, or is refused. */
    private static void readAsMessage(Frame f) {
        try {
            Message m = Message.decode(f);
            assertEquals(f, m.toFrame(), "a message re-encodes to its frame");
        } catch (ProtocolException refused) {
            // refused with a reason: fine
        }
    }

    /**
     * The input: two bytes for the decoder's size limit (0 to 4096), then chunks, each a length
     * byte (1 to 256) and that many bytes, fed to the decoder one chunk at a time.
     */
    @FuzzTest(maxDuration = "45s")
    void decodesOrRefusesAndNeverThrowsAnythingElse(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int max = (((input[0] & 0xFF) << 8) | (input[1] & 0xFF)) % 4097;
        FrameDecoder decoder = new FrameDecoder(max);
        java.io.ByteArrayOutputStream fed = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream reencoded = new java.io.ByteArrayOutputStream();
        try {
            int at = 2;
            while (at < input.length) {
                int n = Math.min((input[at] & 0xFF) + 1, input.length - at - 1);
                byte[] chunk = java.util.Arrays.copyOfRange(input, at + 1, at + 1 + n);
                at += 1 + n;
                fed.writeBytes(chunk);
                for (Frame f : decoder.feed(chunk)) {
                    assertTrue(f.payloadLength() <= max, "a frame over the limit got through");
                    reencoded.writeBytes(f.encode());
                    readAsMessage(f);
                }
            }
            decoder.finish();
            assertEquals(java.util.HexFormat.of().formatHex(fed.toByteArray()),
                    java.util.HexFormat.of().formatHex(reencoded.toByteArray()), "frames re-encode to their bytes");
        } catch (ProtocolException expected) {
            assertTrue(reencoded.size() <= fed.size());
        }
    }
}
