package io.deskside.protocol.desktop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DesktopSeedsTest {

    private static Path committed(String inputs) throws Exception {
        URL url = DesktopSeedsTest.class.getResource(inputs);
        assertTrue(url != null, "the fuzz inputs " + inputs + " are on the test class path");
        return Path.of(url.toURI());
    }

    /** The generator is the source of truth: a seed edited by hand, or not regenerated, fails here. */
    @Test
    void theCommittedSeedsAreExactlyWhatDesktopSeedsWrites() throws Exception {
        Map<String, byte[]> seeds = DesktopSeeds.all();
        for (String inputs : DesktopSeeds.INPUT_DIRS) {
            Set<String> files;
            try (Stream<Path> list = Files.list(committed(inputs))) {
                files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(new TreeSet<>(seeds.keySet()), files, inputs);
            for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
                assertArrayEquals(seed.getValue(), Files.readAllBytes(committed(inputs).resolve(seed.getKey())), inputs + "/" + seed.getKey());
            }
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
     * A bad seed holds a record the decoder refuses, unless its fault is one only the state
     * shows (zlib, the framebuffer, part order, slots, a file's progress): those are below.
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

    @Test
    void everySequenceAppliesAcrossItsRecordsWithoutARefusal() throws Exception {
        assertFalse(DesktopSeeds.SEQUENCES.isEmpty());
        for (String name : DesktopSeeds.SEQUENCES) {
            try (ReceivingSession session = new ReceivingSession()) {
                for (DesktopMessageFuzzTest.Item item : DesktopMessageFuzzTest.items(DesktopSeeds.all().get(name))) {
                    try {
                        session.receive(item);
                    } catch (DesktopProtocolException e) {
                        fail(name + " is refused: " + e.reason() + " " + e.getMessage());
                    }
                }
            }
        }
    }

    @Test
    void everyBadSeedOnlyWithStateIsRefusedByTheSession() {
        for (String name : DesktopSeeds.BAD_ONLY_WITH_STATE) {
            assertTrue(name.startsWith("bad_"), name);
            DesktopProtocolException refused = null;
            try (ReceivingSession session = new ReceivingSession()) {
                for (DesktopMessageFuzzTest.Item item : DesktopMessageFuzzTest.items(DesktopSeeds.all().get(name))) {
                    session.receive(item);
                }
            } catch (DesktopProtocolException e) {
                refused = e;
            }
            assertTrue(refused != null, name + " is applied without a refusal");
        }
    }

    /** The sequences reach the states they are named for: a framebuffer, a cursor, files done on both sides. */
    @Test
    void theSequencesReachWhatTheyAreNamedFor() throws Exception {
        ReceivingSession screen = play("layout_then_update_in_three_parts");
        assertEquals(128 * 128, screen.screen.framebuffer().length);
        ReceivingSession cursor = play("cursor_shape_select_position");
        assertFalse(cursor.cursor.shown(), "the last position hides it");
        assertEquals(7, cursor.cursor.shape().orElseThrow().w(), "the I-beam is selected");
        assertEquals(63, cursor.cursor.x());
        for (String name : List.of("file_upload_offer_then_chunks", "file_download_cancelled_then_resumed")) {
            ReceivingSession files = play(name);
            assertTrue(files.answers.stream().anyMatch(m -> m instanceof DesktopMessage.FileDone), name + " ends in FileDone");
        }
        assertTrue(play("file_download_cancelled_then_resumed").answers.stream()
                .anyMatch(m -> m instanceof DesktopMessage.FileResume r && r.from() == 1000), "the second offer resumes at 1000");
    }

    private static ReceivingSession play(String seed) throws DesktopProtocolException {
        ReceivingSession session = new ReceivingSession();
        for (DesktopMessageFuzzTest.Item item : DesktopMessageFuzzTest.items(DesktopSeeds.all().get(seed))) {
            session.receive(item);
        }
        session.close();
        return session;
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
