package io.deskside.protocol.desktop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the fields of one desktop record, big-endian, starting with its type. The records have
 * checked their values already; the writer still refuses a value that does not fit its field,
 * so a mistake here shows as an exception on the sending side, never as bytes the peer reads
 * differently.
 */
final class DesktopWriter {

    private ByteBuffer out;

    /** A record of about {@code expectedBytes} (it grows if needed). */
    DesktopWriter(DesktopType type, int expectedBytes) {
        out = ByteBuffer.allocate(Math.max(expectedBytes, 16));
        u8(type.code());
    }

    DesktopWriter(DesktopType type) {
        this(type, 64);
    }

    private void room(int n) {
        if (out.remaining() < n) {
            int capacity = Math.max(out.capacity() * 2, out.position() + n);
            out = ByteBuffer.allocate(capacity).put(out.flip());
        }
    }

    private static long fits(long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " does not fit a field of " + min + ".." + max);
        }
        return v;
    }

    DesktopWriter u8(int v) {
        room(1);
        out.put((byte) fits(v, 0, 0xFF));
        return this;
    }

    DesktopWriter u16(int v) {
        room(2);
        out.putShort((short) fits(v, 0, 0xFFFF));
        return this;
    }

    DesktopWriter i16(int v) {
        room(2);
        out.putShort((short) fits(v, Short.MIN_VALUE, Short.MAX_VALUE));
        return this;
    }

    DesktopWriter u32(long v) {
        room(4);
        out.putInt((int) fits(v, 0, 0xFFFFFFFFL));
        return this;
    }

    DesktopWriter u64(long v) {
        room(8);
        out.putLong(fits(v, 0, Long.MAX_VALUE));
        return this;
    }

    DesktopWriter rgb(int rgb) {
        fits(rgb, 0, 0xFFFFFF);
        room(3);
        out.put((byte) (rgb >>> 16)).put((byte) (rgb >>> 8)).put((byte) rgb);
        return this;
    }

    DesktopWriter fixed(byte[] b) {
        room(b.length);
        out.put(b);
        return this;
    }

    DesktopWriter bytes32(byte[] b) {
        return u32(b.length).fixed(b);
    }

    DesktopWriter str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u16(b.length).fixed(b);
    }

    DesktopWriter text32(String s) {
        return bytes32(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] done() {
        byte[] a = out.array();
        return out.position() == a.length ? a : Arrays.copyOf(a, out.position());
    }
}
