package io.deskside.protocol.desktop;

import io.deskside.protocol.desktop.DesktopProtocolException.Reason;

/**
 * Which control characters a text field may hold. Everything else a field says about its text
 * (its length in UTF-8 bytes, that it is valid Unicode) is the same for every field.
 */
enum TextRule {
    /** Names and typed text: no control characters at all. */
    NO_CONTROLS(""),
    /** A chat line may wrap and indent. */
    CHAT("\n\t"),
    /** Clipboard text keeps its line ends and tabs; the sender turns other controls into U+FFFD. */
    CLIPBOARD("\t\n\r");

    private final String allowed;

    TextRule(String allowed) {
        this.allowed = allowed;
    }

    boolean allows(int codePoint) {
        return !Character.isISOControl(codePoint) || allowed.indexOf(codePoint) >= 0;
    }

    /** Whether every character of {@code s} is allowed (the decoder's check, after strict UTF-8). */
    boolean allowsAll(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!allows(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a text a record is built with: {@code minBytes..maxBytes} bytes of UTF-8, no
     * disallowed controls, and no lone surrogate (which UTF-8 cannot carry, so it would not come
     * back as it went). Returns its UTF-8 length.
     */
    int check(String field, String s, int minBytes, int maxBytes) {
        if (s == null) {
            throw new InvalidField(Reason.MALFORMED, field + " is missing");
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.getType(cp) == Character.SURROGATE) {
                throw new InvalidField(Reason.MALFORMED, field + " holds a lone surrogate");
            }
            if (!allows(cp)) {
                throw new InvalidField(Reason.MALFORMED, field + " holds a control character");
            }
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        Check.atMost(field + "'s length in bytes", bytes, maxBytes);
        Check.range(field + "'s length in bytes", bytes, minBytes, maxBytes);
        return (int) bytes;
    }
}
