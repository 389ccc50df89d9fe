package io.deskside.protocol.desktop.files;

import java.io.IOException;
import java.util.Random;

/** Test bytes and digests. */
final class TestFiles {

    private TestFiles() {
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] sha256(byte[] b) {
        return Sha256.start().digest(b);
    }

    /** The whole file, or null if the store has none by that name. */
    static byte[] read(FileStore store, String name) throws IOException {
        if (!store.exists(name)) {
            return null;
        }
        try (var h = store.openRead(name)) {
            byte[] b = new byte[(int) h.length()];
            for (int at = 0; at < b.length; ) {
                at += h.read(at, b, at, b.length - at);
            }
            return b;
        }
    }

    /** Replaces the file with exactly {@code bytes}. */
    static void put(FileStore store, String name, byte[] bytes) throws IOException {
        try (var h = store.openWrite(name)) {
            h.truncate(0);
            h.write(0, bytes, 0, bytes.length);
            h.flush();
        }
    }
}
