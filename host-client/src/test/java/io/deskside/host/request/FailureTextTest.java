package io.deskside.host.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.client.GatewayTunnel.OpenFailed;
import io.deskside.protocol.client.GatewayTunnel.OpenFailed.Why;
import io.deskside.protocol.wire.DisconnectReason;
import java.io.IOException;
import java.net.ConnectException;
import java.util.HashSet;
import java.util.Set;
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
    void everyWhyATunnelDidNotOpenHasARowOfItsOwnInPlainWords() {
        Set<FailureText> rows = new HashSet<>();
        for (Why why : Why.values()) {
            FailureText t = FailureText.of(why, "help.example.com");
            plain(t, why.toString());
            assertFalse(t.ended(), why + " is a failure, so the window offers Try again");
            assertTrue(rows.add(t), why + " reads like another reason: " + t);
        }
    }

    @Test
    void anOpenFailureReadsAsItsReasonAndAGatewayRefusalAsTheGatewaysReason() {
        for (Why why : Why.values()) {
            assertEquals(FailureText.of(why, "help.example.com"),
                    FailureText.openFailed(new OpenFailed(why, "through Squid", new IOException("Tunnel failed, got: 403")), true, "help.example.com"));
        }
        assertTrue(FailureText.of(Why.PROXY_REFUSED, "help.example.com").nextStep().contains("help.example.com"),
                "the IT department is told which server to allow");
        assertTrue(FailureText.of(Why.PROXY_AUTH, "h").title().contains("password"));
        assertTrue(FailureText.of(Why.TIMED_OUT, "h").title().contains("Cannot reach"));
    }

    @Test
    void aRefusedProxyLoginSendsTheEndUserToTheirItDepartment() {
        FailureText refused = FailureText.proxyLoginRefused();
        plain(refused, "a refused proxy login");
        assertEquals("Your proxy did not accept that user name and password. Ask your IT department.",
                refused.title() + ". " + refused.nextStep());
        plain(FailureText.proxyUnknown(), "a proxy nobody configured");
    }

    @Test
    void openFailuresNeverShowTheExceptionsWords() {
        FailureText refused = FailureText.openFailed(new ConnectException("Connection refused: java.net.PlainSocketImpl"), true, "help.example.com");
        plain(refused, "a refused connection");
        assertTrue(refused.title().contains("Cannot reach"));
        FailureText tls = FailureText.openFailed(new IOException("handshake", new SSLHandshakeException("PKIX path building failed")), true,
                "help.example.com");
        plain(tls, "an untrusted certificate");
        assertTrue(tls.title().contains("not your help desk"));
    }
}
