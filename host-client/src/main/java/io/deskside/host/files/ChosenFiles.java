package io.deskside.host.files;

import io.deskside.protocol.desktop.files.DirectoryFileStore;
import io.deskside.protocol.desktop.files.FileSender;
import io.deskside.protocol.desktop.files.FileStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link FileStore} the Host's {@link FileSender} reads from: only the files the end user
 * chose to send, each under a name of its own. Any other name is an {@link IOException}, and
 * nothing is ever written or deleted, so a technician cannot pull a file the end user did not pick.
 */
final class ChosenFiles implements FileStore {

    private record Chosen(DirectoryFileStore folder, String name) {
    }

    private final Map<String, Chosen> chosen = new ConcurrentHashMap<>();
    private int next = 1;

    /** The end user chose {@code file}: returns the store name to offer it under. */
    synchronized String add(Path file) throws IOException {
        Path real = file.toRealPath();
        if (!Files.isRegularFile(real)) {
            throw new IOException(file + " is not a file");
        }
        String storeName = "chosen-" + next++;
        chosen.put(storeName, new Chosen(new DirectoryFileStore(real.getParent()), real.getFileName().toString()));
        return storeName;
    }

    @Override
    public Handle openRead(String name) throws IOException {
        Chosen c = chosen(name);
        return c.folder().openRead(c.name());
    }

    @Override
    public Handle openWrite(String name) throws IOException {
        throw new IOException("files the end user sends are never written");
    }

    @Override
    public boolean exists(String name) throws IOException {
        Chosen c = chosen.get(name);
        return c != null && c.folder().exists(c.name());
    }

    @Override
    public void delete(String name) {
        // A file the end user sent is theirs: never deleted.
    }

    private Chosen chosen(String name) throws IOException {
        Chosen c = chosen.get(name);
        if (c == null) {
            throw new IOException("not a file the end user chose: " + name);
        }
        return c;
    }
}
