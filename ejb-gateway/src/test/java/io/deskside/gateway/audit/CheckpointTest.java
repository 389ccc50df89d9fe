package io.deskside.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.gateway.config.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private static final ChainKey KEY = ChainKey.of(EventChainTest.key(1), 1);
    private static final Instant AT = Instant.parse("2026-12-01T10:00:05Z");

    @TempDir
    Path dir;

    @Test
    void aCheckpointReadsBackFromItsFileAndChecksWithItsKey() throws IOException {
        Checkpoint cp = Checkpoint.sign(KEY, 12, "a".repeat(64), AT);
        Path file = OwnerOnlyFiles.replaceAtomically(dir.resolve("audit-checkpoint"), cp.fileContent());
        Optional<Checkpoint> read = Checkpoint.read(file);
        assertEquals(Optional.of(cp), read);
        assertTrue(read.get().signedBy(KEY));
        assertFalse(read.get().signedBy(ChainKey.of(EventChainTest.key(2), 1)), "another key did not make it");
        assertEquals(Optional.empty(), Checkpoint.read(dir.resolve("none")));
    }

    @Test
    void aCheckpointWithAChangedHeadNoLongerChecks() {
        Checkpoint cp = Checkpoint.sign(KEY, 12, "a".repeat(64), AT);
        assertFalse(new Checkpoint(11, cp.hash(), cp.at(), cp.mac()).signedBy(KEY));
        assertFalse(new Checkpoint(12, "b".repeat(64), cp.at(), cp.mac()).signedBy(KEY));
        assertFalse(new Checkpoint(12, cp.hash(), cp.at().plusSeconds(1), cp.mac()).signedBy(KEY));
    }

    @Test
    void aLineThatIsNoCheckpointIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("v1 12 " + "a".repeat(64) + " " + AT));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("v1 x " + "a".repeat(64) + " " + AT + " " + "b".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("v1 12 " + "a".repeat(64) + " yesterday " + "b".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.parse("v1 12 " + "z".repeat(64) + " " + AT + " " + "b".repeat(64)));
    }
}
