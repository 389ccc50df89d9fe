package io.deskside.gateway.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only the server's own user may read: the first administrator's password, the event-log
 * key, its checkpoints. Each is created with {@code rw-------} from the start (never widened and
 * then narrowed), and written through to the disk before the caller goes on. Where the file
 * system has no POSIX permissions the file is created plain; the operator's docs say so.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /**
     * Creates the file, failing with {@link java.nio.file.FileAlreadyExistsException} if it
     * exists: two creators racing for it cannot both win.
     */
    public static Path createNew(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // Written whole under a name of its own, then published with a hard link, which fails if the
        // file exists: another process sharing the directory sees no file or the whole of one.
        Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(System.nanoTime()) + ".new");
        write(temporary, content);
        try {
            Files.createLink(file, temporary);
        } catch (UnsupportedOperationException noLinks) {
            Files.move(temporary, file); // fails too if the file exists
            return file;
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }

    private static void write(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
    }

    /** Replaces whatever the file held with a new owner-only file. */
    public static Path replace(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        return createNew(file, content);
    }

    /**
     * Replaces the file in one step: a reader, or a server killed half-way, sees either the old
     * content or the new, never a torn file.
     */
    public static Path replaceAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        replace(temporary, content);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** Whether anyone but the owner may read or write the file (false where there are no POSIX permissions). */
    public static boolean openToOthers(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }
}
