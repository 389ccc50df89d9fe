package io.deskside.protocol.desktop.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A {@link FileStore} confined to one directory. A name is relative, uses {@code /} between
 * parts, and every part is a plain name: no empty part, {@code .}, {@code ..}, backslash,
 * colon or NUL, and no absolute path. The resolved path must still lie under the directory
 * after normalising, and no part of it may be a symbolic link, so neither a peer's file name
 * nor a link planted in the folder can make a transfer write elsewhere. Parent folders are
 * created on write.
 */
public final class DirectoryFileStore implements FileStore {

    private final Path root;

    public DirectoryFileStore(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        Files.createDirectories(root);
        this.root = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    @Override
    public Handle openRead(String name) throws IOException {
        return new ChannelHandle(FileChannel.open(resolve(name), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public Handle openWrite(String name) throws IOException {
        Path p = resolve(name);
        Files.createDirectories(p.getParent());
        resolve(name); // the folders just created are plain folders, checked again after creating them
        return new ChannelHandle(FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS));
    }

    @Override
    public boolean exists(String name) throws IOException {
        return Files.exists(resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(resolve(name));
    }

    /** The path {@code name} names under the root, or an {@link IOException} if it would leave it. */
    Path resolve(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.startsWith("/") || name.endsWith("/")) {
            throw refused(name);
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")
                    || part.indexOf('\\') >= 0 || part.indexOf(':') >= 0 || part.indexOf('\0') >= 0) {
                throw refused(name);
            }
        }
        Path p;
        try {
            p = root.resolve(name).normalize();
        } catch (RuntimeException e) {
            throw refused(name);
        }
        if (!p.startsWith(root) || p.equals(root)) {
            throw refused(name);
        }
        for (Path q = p; !q.equals(root); q = q.getParent()) {
            if (Files.isSymbolicLink(q)) {
                throw refused(name);
            }
        }
        return p;
    }

    private static IOException refused(String name) {
        return new IOException("the name \"" + name + "\" leaves the store's folder");
    }

    private static final class ChannelHandle implements Handle {
        private final FileChannel channel;

        ChannelHandle(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(long offset, byte[] into, int start, int length) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(into, start, length);
            int total = 0;
            while (b.hasRemaining()) {
                int n = channel.read(b, offset + total);
                if (n < 0) {
                    return total == 0 && length > 0 ? -1 : total;
                }
                total += n;
            }
            return total;
        }

        @Override
        public void write(long offset, byte[] from, int start, int length) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(from, start, length);
            long at = offset;
            while (b.hasRemaining()) {
                at += channel.write(b, at);
            }
        }

        @Override
        public long length() throws IOException {
            return channel.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            channel.truncate(size);
        }

        @Override
        public void flush() throws IOException {
            channel.force(false);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
