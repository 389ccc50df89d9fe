package io.deskside.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void aNewKeyFileIsReadableByItsOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("config").resolve("deskside-audit.key");
        ChainKeyFile.create(file, 1, new SecureRandom());
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    }

    @Test
    void aKeyFileReadsBackAsWritten() throws IOException {
        Path file = dir.resolve("deskside-audit.key");
        ChainKey made = ChainKeyFile.create(file, 42, new SecureRandom());
        ChainKey read = ChainKeyFile.read(file);
        assertEquals(42, read.keyedFrom());
        assertEquals(made.id(), read.id());
        assertEquals(made.key(), read.key());
        assertFalse(made.toString().contains(java.util.Base64.getEncoder().encodeToString(made.key().getEncoded())),
                "the key never shows in a log line");
    }

    @Test
    void anExistingKeyFileIsNeverReplaced() throws IOException {
        Path file = dir.resolve("deskside-audit.key");
        ChainKey first = ChainKeyFile.create(file, 1, new SecureRandom());
        assertThrows(FileAlreadyExistsException.class, () -> ChainKeyFile.create(file, 1, new SecureRandom()));
        assertEquals(first.id(), ChainKeyFile.read(file).id());
    }

    @Test
    void aMalformedKeyFileStopsWithAMessageNamingTheSetting() throws IOException {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String shortKey = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        List<String> bad = List.of("", "# only a comment\n", "v2 1 " + key + "\n", "v1 0 " + key + "\n", "v1 one " + key + "\n",
                "v1 1 " + shortKey + "\n", "v1 1 not*base64\n", "v1 1 " + key + "\nv1 2 " + key + "\n", "v1  1 " + key + "\n");
        for (String content : bad) {
            Path file = Files.writeString(dir.resolve("bad.key"), content, StandardCharsets.UTF_8);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ChainKeyFile.read(file), content);
            assertTrue(e.getMessage().startsWith("deskside.audit.key-file: "), e.getMessage());
        }
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> ChainKeyFile.read(dir.resolve("none.key")));
        assertTrue(missing.getMessage().startsWith("deskside.audit.key-file: "), missing.getMessage());
    }

    @Test
    void commentsAndAWindowsLineEndAreAllowed() throws IOException {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Path file = Files.writeString(dir.resolve("ok.key"), "# a comment\r\nv1 7 " + key + "\r\n", StandardCharsets.UTF_8);
        assertEquals(7, ChainKeyFile.read(file).keyedFrom());
    }
}
