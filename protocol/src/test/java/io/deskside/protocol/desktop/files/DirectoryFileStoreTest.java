package io.deskside.protocol.desktop.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryFileStoreTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"../outside", "a/../../outside", "/etc/passwd", "a/./b", "a//b", ".", "..", "",
            "a/", "..\\outside", "C:outside", "partial/../../outside"})
    void aNameThatEscapesTheFolderIsRefused(String name) throws IOException {
        var store = new DirectoryFileStore(dir.resolve("store"));
        assertThrows(IOException.class, () -> store.openWrite(name).close());
        assertThrows(IOException.class, () -> store.openRead(name).close());
        assertThrows(IOException.class, () -> store.delete(name));
        assertFalse(Files.exists(dir.resolve("outside")));
    }

    @Test
    void aSymbolicLinkInsideTheFolderIsNotFollowedOut() throws IOException {
        var store = new DirectoryFileStore(dir.resolve("store"));
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(store.root().resolve("partial"), outside);
        assertThrows(IOException.class, () -> store.openWrite("partial/x.part").close());
        assertEquals(0, Files.list(outside).count());
    }

    @Test
    void readsWritesTruncatesAndDeletesInsideTheFolder() throws IOException {
        var store = new DirectoryFileStore(dir);
        try (var h = store.openWrite("partial/a.part")) {
            h.write(3, new byte[] {1, 2}, 0, 2);
            h.flush();
            assertEquals(5, h.length());
            h.truncate(4);
        }
        byte[] b = new byte[10];
        try (var h = store.openRead("partial/a.part")) {
            assertEquals(4, h.read(0, b, 0, 10));
            assertEquals(-1, h.read(4, b, 0, 10));
        }
        assertEquals(1, b[3]);
        store.delete("partial/a.part");
        assertFalse(store.exists("partial/a.part"));
        store.delete("partial/a.part");
    }

    @Test
    void aWholeFileTravelsBetweenTwoFolders() throws Exception {
        var h = new TransferHarness(Message.Role.GUEST,
                new DirectoryFileStore(dir.resolve("guest")), new DirectoryFileStore(dir.resolve("host")));
        byte[] file = TestFiles.random(300_000, 8);
        FileId id = h.offer("report.pdf", file);
        h.run();

        assertEquals(TransferState.DONE, h.sender.state(id));
        assertArrayEquals(file, Files.readAllBytes(dir.resolve("host").resolve(h.receiver.storedAs(id))));
    }
}
