package io.deskside.protocol.desktop.files;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where the bytes of transfers live: the files a sender offers and the partials a receiver
 * writes. The transfer state machines see only this, so they run in memory under test and
 * against a directory in the Host and the Guest. Names are relative to the store and use
 * {@code /} between parts; a store refuses (with an {@link IOException}) any name that would
 * leave it.
 */
public interface FileStore {

    /** Opens an existing file to read; a missing file is an {@link IOException}. */
    Handle openRead(String name) throws IOException;

    /** Opens a file to write at any offset, creating it empty if it is missing and keeping what it holds if not. */
    Handle openWrite(String name) throws IOException;

    boolean exists(String name) throws IOException;

    /** Removes the file; a file that is not there is no error (a cancel may race a cleanup). */
    void delete(String name) throws IOException;

    /** One open file. Offsets are absolute, so a handle has no position to get out of step. */
    interface Handle extends Closeable {

        /** Reads up to {@code length} bytes at {@code offset}; fewer only at the end of the file, -1 past it. */
        int read(long offset, byte[] into, int start, int length) throws IOException;

        void write(long offset, byte[] from, int start, int length) throws IOException;

        long length() throws IOException;

        /** Cuts the file to {@code size} bytes (a partial that outgrew its file starts again from 0). */
        void truncate(long size) throws IOException;

        /** Makes what was written durable before the receiver acknowledges it. */
        void flush() throws IOException;

        @Override
        void close() throws IOException;
    }
}
