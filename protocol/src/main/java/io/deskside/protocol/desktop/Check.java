package io.deskside.protocol.desktop;

import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import io.deskside.protocol.wire.Message;

/**
 * The field rules the message records apply in their constructors. Each says which
 * {@link Reason} a break of it is, so the decoder and a sender that builds a bad message hear
 * the same thing.
 */
final class Check {

    private Check() {
    }

    /** A number in {@code [min, max]}, or OUT_OF_RANGE. */
    static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidField(Reason.OUT_OF_RANGE, field + " is " + value + ", outside " + min + ".." + max);
        }
        return value;
    }

    static int range(String field, int value, int min, int max) {
        return (int) range(field, (long) value, min, max);
    }

    /** A length or count of at most {@code max}, or TOO_LARGE. */
    static void atMost(String what, long n, long max) {
        if (n > max) {
            throw new InvalidField(Reason.TOO_LARGE, what + " is " + n + ", more than " + max);
        }
    }

    /** Flags with only {@code defined} bits set: undefined bits must be 0, or the encoding is not canonical. */
    static int flags(String field, int value, int defined) {
        if ((value & ~defined) != 0) {
            throw new InvalidField(Reason.MALFORMED, field + " sets undefined bits " + Integer.toHexString(value & ~defined));
        }
        return value;
    }

    /** A boolean byte: 0 or 1, nothing else. */
    static boolean bool(String field, int value) {
        return flags(field, value, 1) == 1;
    }

    /** A value that must be one of a set, or OUT_OF_RANGE. */
    static void within(boolean ok, String what) {
        if (!ok) {
            throw new InvalidField(Reason.OUT_OF_RANGE, what);
        }
    }

    static void wellFormed(boolean ok, String what) {
        if (!ok) {
            throw new InvalidField(Reason.MALFORMED, what);
        }
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidField(Reason.MALFORMED, field + " is missing");
        }
        return value;
    }

    /** The constant with this wire code, or OUT_OF_RANGE: enumerations go by their code, never their position. */
    static <E extends Enum<E> & Message.Coded> E code(String field, E[] values, int code) {
        for (E e : values) {
            if (e.code() == code) {
                return e;
            }
        }
        throw new InvalidField(Reason.OUT_OF_RANGE, field + " has no meaning for code " + code);
    }
}
