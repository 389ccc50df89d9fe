package io.deskside.protocol.desktop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes records by hand, field by field, for tests and seeds that need bytes no message would encode. */
final class TestBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static TestBytes of(DesktopType type) {
        return new TestBytes().u8(type.code());
    }

    static TestBytes of(int typeCode) {
        return new TestBytes().u8(typeCode);
    }

    TestBytes u8(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    TestBytes u16(int... values) {
        for (int v : values) {
            out.write(v >>> 8);
            out.write(v);
        }
        return this;
    }

    TestBytes u32(long v) {
        return u16((int) (v >>> 16) & 0xFFFF).u16((int) v & 0xFFFF);
    }

    TestBytes u64(long v) {
        return u32(v >>> 32).u32(v & 0xFFFF_FFFFL);
    }

    /** A u16 length and the string's UTF-8. */
    TestBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u16(b.length).raw(b);
    }

    TestBytes raw(byte... b) {
        out.writeBytes(b);
        return this;
    }

    TestBytes zeros(int n) {
        return raw(new byte[n]);
    }

    /** A screen update's header, with the rect count it claims. */
    static TestBytes update(int scale, int flags, int part, int rectCount) {
        return of(DesktopType.SCREEN_UPDATE).u32(1).u32(1).u8(scale, flags).u16(part, rectCount);
    }

    /** A rect's header. */
    TestBytes rect(int x, int y, int w, int h, Rect.Encoding encoding) {
        return u16(x, y, w, h).u8(encoding.code());
    }

    byte[] array() {
        return out.toByteArray();
    }
}
