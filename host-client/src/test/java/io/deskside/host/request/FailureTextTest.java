package io.deskside.host.request;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.wire.DisconnectReason;
import java.io.IOException;
import java.net.ConnectException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureTextTest {

    /** A class name, a package, a stack frame: nothing an end user can act on. */
    private static final Pattern TECHNICAL = Pattern.compile("Exception|Error\\b|java\\.|io\\.deskside|[a-z][A-Z]|\\bat [a-z]+\\.|\\$");

    private static void plain(FailureText t, String what) {
        assertFalse(t.title().isBlank(), what + " has a title");
        assertFalse(t.nextStep().isBlank(), what + " says what to do next");
        assertFalse(TECHNICAL.matcher(t.title()).find(), what + ": " + t.title());
        assertFalse(TECHNICAL.matcher(t.nextStep()).find(), what + ": " + t.nextStep());
    }

    @Test
    void everyReasonHasAPlainTitleAndANextStepForTicketsAndServices() {
        for (DisconnectReason r : DisconnectReason.values()) {
            plain(FailureText.of(r, true), r + " (ticket)");
            plain(FailureText.of(r, false), r + " (service)");
        }
    }

    @Test
    void anUnknownTicketAndAnUnknownServiceReadDifferently() {
        assertNotEquals(FailureText.of(DisconnectReason.UNKNOWN_TICKET, true), FailureText.of(DisconnectReason.UNKNOWN_TICKET, false));
        assertTrue(FailureText.of(DisconnectReason.KEY_EXCHANGE_FAILED, true).nextStep().contains("six digits"));
        assertTrue(FailureText.of(DisconnectReason.KEY_EXCHANGE_FAILED, false).title().contains("codes"));
    }

    @Test
    void reasonsNobodyCanActOnShowTheirCodeForTheHelpDesk() {
        assertTrue(FailureText.of(DisconnectReason.PROTOCOL_ERROR, true).title().contains("protocol_error"));
        assertTrue(FailureText.of(DisconnectReason.REPLACED, true).title().contains("replaced"));
    }

    @Test
    void anOrdinaryEndIsNotAFailure() {
        assertTrue(FailureText.of(DisconnectReason.HOST_ENDED, true).ended());
        assertTrue(FailureText.of(DisconnectReason.GUEST_ENDED, true).ended());
        assertTrue(FailureText.of(DisconnectReason.DENIED, true).title().contains("declined"));
        assertFalse(FailureText.of(DisconnectReason.LOST, true).ended());
    }

    @Test
    void openFailuresNeverShowTheExceptionsWords() {
        FailureText refused = FailureText.openFailed(new ConnectException("Connection refused: java.net.PlainSocketImpl"), true);
        plain(refused, "a refused connection");
        assertTrue(refused.title().contains("Cannot reach"));
        FailureText tls = FailureText.openFailed(new IOException("handshake", new SSLHandshakeException("PKIX path building failed")), true);
        plain(tls, "an untrusted certificate");
        assertTrue(tls.title().contains("not your help desk"));
    }
}
