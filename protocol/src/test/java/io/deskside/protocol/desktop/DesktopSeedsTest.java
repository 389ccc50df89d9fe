package io.deskside.protocol.desktop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DesktopSeedsTest {

    private static Path committed() throws Exception {
        URL url = DesktopSeedsTest.class.getResource("DesktopMessageFuzzTestInputs/decodesOrRefusesAndNeverThrowsAnythingElse");
        assertTrue(url != null, "the fuzz inputs are on the test class path");
        return Path.of(url.toURI());
    }

    /** The generator is the source of truth: a seed edited by hand, or not regenerated, fails here. */
    @Test
    void theCommittedSeedsAreExactlyWhatDesktopSeedsWrites() throws Exception {
        Map<String, byte[]> seeds = DesktopSeeds.all();
        Set<String> files;
        try (Stream<Path> list = Files.list(committed())) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(seeds.keySet()), files);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            assertArrayEquals(seed.getValue(), Files.readAllBytes(committed().resolve(seed.getKey())), seed.getKey());
        }
    }

    @Test
    void everySeedNotNamedBadDecodesRecordByRecord() throws Exception {
        for (Map.Entry<String, byte[]> seed : DesktopSeeds.all().entrySet()) {
            if (!seed.getKey().startsWith("bad_") || DesktopSeeds.BAD_ONLY_WITH_STATE.contains(seed.getKey())) {
                assertFalse(DesktopMessageFuzzTest.items(seed.getValue()).isEmpty(), seed.getKey());
                for (DesktopMessageFuzzTest.Item item : DesktopMessageFuzzTest.items(seed.getValue())) {
                    DesktopMessageFuzzTest.decodeExactly(item);
                }
            }
        }
    }

    /**
     * A bad seed holds a record the decoder refuses; the three whose fault is in zlib or the
     * framebuffer decode on their own until the stateful checkers come.
     */
    @Test
    void everyBadSeedHoldsARecordTheDecoderRefuses() {
        for (Map.Entry<String, byte[]> seed : DesktopSeeds.all().entrySet()) {
            if (seed.getKey().startsWith("bad_") && !DesktopSeeds.BAD_ONLY_WITH_STATE.contains(seed.getKey())) {
                boolean refused = false;
                for (DesktopMessageFuzzTest.Item item : DesktopMessageFuzzTest.items(seed.getValue())) {
                    try {
                        DesktopMessageFuzzTest.decodeExactly(item);
                    } catch (DesktopProtocolException e) {
                        refused = true;
                    }
                }
                assertTrue(refused, seed.getKey() + " decodes");
            }
        }
    }

    /** The zlib bomb is one: a few KiB that inflate to 1 MiB, for a rect that takes 768 bytes. */
    @Test
    void theZlibBombIsSmallAndInflatesFarPastItsRect() throws Exception {
        byte[] bomb = DesktopSeeds.deflated(new byte[1 << 20]);
        assertTrue(bomb.length < 8 << 10, bomb.length + " bytes");
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(bomb);
        byte[] out = new byte[2 << 20];
        int n = inflater.inflate(out);
        inflater.end();
        assertEquals(1 << 20, n);
    }
}
