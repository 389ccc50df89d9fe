package io.deskside.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

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

    @FuzzTest(maxDuration = "45s")
    void decodesOrRefusesAndNeverThrowsAnythingElse(FuzzedDataProvider data) {
        int max = data.consumeInt(0, 4096);
        FrameDecoder decoder = new FrameDecoder(max);
        java.io.ByteArrayOutputStream fed = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream reencoded = new java.io.ByteArrayOutputStream();
        try {
            while (data.remainingBytes() > 0) {
                byte[] chunk = data.consumeBytes(data.consumeInt(1, 97));
                fed.writeBytes(chunk);
                List<Frame> frames = decoder.feed(chunk);
                for (Frame f : frames) {
                    assertTrue(f.payload().length <= max, "a frame over the limit got through");
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
