package io.deskside.host.session;

import io.deskside.protocol.desktop.DesktopMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Text the end user sends, made to fit what the wire takes: a chat line (one to 4 KiB, tabs and
 * line ends kept, other control characters dropped) and clipboard text (up to 128 KiB, tabs and
 * line ends kept, other controls and lone surrogates as U+FFFD, as PROTOCOL.md asks of the sender).
 */
public final class OutgoingText {

    private OutgoingText() {
    }

    /** The line to send, or empty if nothing is left to send. */
    public static Optional<String> chat(String typed) {
        String s = clean(typed, "\n\t", "").strip();
        s = fit(s, DesktopMessage.MAX_CHAT_BYTES);
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    public static String clipboard(String text) {
        return fit(clean(text, "\t\n\r", "\uFFFD"), DesktopMessage.MAX_CLIPBOARD_BYTES);
    }

    private static String clean(String s, String allowedControls, String replacement) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.SURROGATE || Character.isISOControl(cp) && allowedControls.indexOf(cp) < 0) {
                b.append(replacement);
            } else {
                b.appendCodePoint(cp);
            }
        }
        return b.toString();
    }

    /** Cuts to {@code maxBytes} of UTF-8 without splitting a character: what every text field of the wire needs. */
    public static String fit(String s, int maxBytes) {
        if (s.length() * 3L <= maxBytes || s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return b.toString();
    }
}
