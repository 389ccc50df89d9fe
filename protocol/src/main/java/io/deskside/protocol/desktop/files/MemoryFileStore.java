package io.deskside.protocol.desktop.files;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link FileStore} in memory, for tests and for a Host that must leave no footprint. Files
 * are byte arrays that grow as they are written; {@link #failWrites(boolean)} and
 * {@link #failReads(boolean)} make every later call fail, to drive the read/write-failed paths.
 */
public final class MemoryFileStore implements FileStore {

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private volatile boolean failReads;
    private volatile boolean failWrites;

    /** Puts a whole file in the store (a copy of {@code bytes}). */
    public void put(String name, byte[] bytes) {
        files.put(checked(name), bytes.clone());
    }

    /** The file's bytes (a copy), or {@code null} if there is none. */
    public byte[] get(String name) {
        byte[] b = files.get(checked(name));
        return b == null ? null : b.clone();
    }

    public void failReads(boolean fail) {
        failReads = fail;
    }

    public void failWrites(boolean fail) {
        failWrites = fail;
    }

    @Override
    public Handle openRead(String name) throws IOException {
        if (!files.containsKey(checked(name))) {
            throw new IOException("no file " + name);
        }
        return new MemoryHandle(name);
    }

    @Override
    public Handle openWrite(String name) throws IOException {
        if (failWrites) {
            throw new IOException("writes fail");
        }
        files.putIfAbsent(checked(name), new byte[0]);
        return new MemoryHandle(name);
    }

    @Override
    public boolean exists(String name) {
        return files.containsKey(checked(name));
    }

    @Override
    public void delete(String name) {
        files.remove(checked(name));
    }

    private static String checked(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty file name");
        }
        return name;
    }

    private final class MemoryHandle implements Handle {
        private final String name;

        MemoryHandle(String name) {
            this.name = name;
        }

        private byte[] bytes() throws IOException {
            byte[] b = files.get(name);
            if (b == null) {
                throw new IOException("the file " + name + " was deleted");
            }
            return b;
        }

        @Override
        public int read(long offset, byte[] into, int start, int length) throws IOException {
            if (failReads) {
                throw new IOException("reads fail");
            }
            byte[] b = bytes();
            if (offset >= b.length) {
                return length == 0 ? 0 : -1;
            }
            int n = (int) Math.min(length, b.length - offset);
            System.arraycopy(b, (int) offset, into, start, n);
            return n;
        }

        @Override
        public void write(long offset, byte[] from, int start, int length) throws IOException {
            if (failWrites) {
                throw new IOException("writes fail");
            }
            byte[] b = bytes();
            long end = offset + length;
            if (end > Integer.MAX_VALUE - 8) {
                throw new IOException("too large for memory");
            }
            if (end > b.length) {
                b = Arrays.copyOf(b, (int) end);
            }
            System.arraycopy(from, start, b, (int) offset, length);
            files.put(name, b);
        }

        @Override
        public long length() throws IOException {
            return bytes().length;
        }

        @Override
        public void truncate(long size) throws IOException {
            byte[] b = bytes();
            if (size < b.length) {
                files.put(name, Arrays.copyOf(b, (int) size));
            }
        }

        @Override
        public void flush() throws IOException {
            bytes();
        }

        @Override
        public void close() {
        }
    }
}
