package io.deskside.host.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.ChatLine;
import io.deskside.protocol.desktop.DesktopMessage.ClipboardText;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the end user types or copies always makes a record the wire takes. */
class OutgoingTextTest {

    @Test
    void aChatLineIsTrimmedAndLosesControlCharacters() {
        assertEquals(Optional.of("hi\tthere"), OutgoingText.chat("  hi\tthere\u0007 \n"));
        assertEquals(Optional.empty(), OutgoingText.chat(" \u0001 "));
        String line = OutgoingText.chat("\u00e9".repeat(5000)).orElseThrow();
        assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= DesktopMessage.MAX_CHAT_BYTES);
        new ChatLine(line);
    }

    @Test
    void clipboardTextKeepsLineEndsAndMarksOtherControls() {
        assertEquals("a\r\nb\t\uFFFD\uFFFD", OutgoingText.clipboard("a\r\nb\t\u0000\ud800"));
        String big = OutgoingText.clipboard("\u20ac".repeat(100_000));
        assertTrue(big.getBytes(StandardCharsets.UTF_8).length <= DesktopMessage.MAX_CLIPBOARD_BYTES);
        new ClipboardText(big);
    }
}
