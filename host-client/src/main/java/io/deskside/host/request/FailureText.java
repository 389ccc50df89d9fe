package io.deskside.host.request;

import io.deskside.protocol.client.GatewayTunnel.OpenFailed;
import io.deskside.protocol.client.GatewayTunnel.OpenFailed.Why;
import io.deskside.protocol.client.GatewayTunnel.TunnelRefused;
import io.deskside.protocol.wire.DisconnectReason;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * What the end user reads when a help request or a session ends: a title saying what happened,
 * and what to do next, in plain words. One row per cause (host-plan §3.4); never a stack trace or
 * a class name. The code of a reason the end user cannot act on is shown, so the help desk can.
 *
 * @param ended true when this is an ordinary end (the window then just says so), false for a failure
 */
public record FailureText(String title, String nextStep, boolean ended) {

    /** Why a session or a request ended, as the gateway or the tunnel said it. */
    public static FailureText of(DisconnectReason reason, boolean byTicket) {
        // A switch expression over every reason: a new reason does not compile until it has a row.
        return switch (reason) {
            case UNKNOWN_TICKET -> byTicket
                    ? failure("That ticket number is not valid",
                            "It may have expired (tickets last 10 minutes) or have a typing mistake. Check it with the help desk and try again.")
                    : failure("That help service is not available right now", "Call the help desk.");
            case KEY_EXCHANGE_FAILED -> byTicket
                    ? failure("The ticket number does not match the technician's",
                            "Check the last six digits with them and connect again.")
                    : failure("The codes did not match", "The connection was stopped; call the help desk.");
            case TICKET_CLOSED, EXPIRED -> failure("Nobody took your request in time", "Call the help desk for a new ticket.");
            case TOO_MANY_ATTEMPTS -> failure("Too many tries from this computer", "Wait a few minutes, then try again.");
            case BUSY, UNAVAILABLE -> failure("The help desk is busy", "Try again in a few minutes.");
            case UNAUTHENTICATED -> failure("This copy of Deskside has expired", "Download it again from your help desk.");
            case DENIED -> ended("You declined. Nobody has seen your screen.", "This window closes by itself.");
            case HOST_ENDED, GUEST_ENDED, HOTKEY, ENDED, CLOSED -> ended("The session ended.", "This window closes by itself.");
            case LOST -> failure("The connection was lost and could not be restored.",
                    "Check that you are online, then ask the help desk to connect again.");
            case REVOKED -> failure("The technician was signed out by the help desk.", "Call the help desk if you still need help.");
            case PROTOCOL_ERROR, REPLACED, IDLE, BAD_REQUEST, REFUSED, UNKNOWN_TUNNEL, TOO_FAR_BEHIND -> generic(reason);
        };
    }

    /**
     * Why opening the tunnel failed: the gateway refused it ({@link TunnelRefused}, with its reason),
     * or it could not be reached ({@link OpenFailed}, with what stood in the way). {@code gateway}
     * names the help desk's server for the end user's IT department.
     */
    public static FailureText openFailed(IOException e, boolean byTicket, String gateway) {
        if (e instanceof TunnelRefused refused) {
            return of(refused.reason(), byTicket);
        }
        if (e instanceof OpenFailed failed) {
            return of(failed.why(), gateway);
        }
        // Not from the tunnel's opening (a test's opener, a future one): the certificate is still worth telling apart.
        return of(causedBy(e, SSLException.class) ? Why.TLS_UNTRUSTED : Why.UNREACHABLE, gateway);
    }

    /** What stood between this computer and the help desk (host-plan §3.4). */
    public static FailureText of(Why why, String gateway) {
        // A switch expression over every reason: a new reason does not compile until it has a row.
        return switch (why) {
            case UNREACHABLE -> unreachable();
            case TIMED_OUT -> failure("Cannot reach the help desk",
                    "It did not answer in time. Check that you are online, then try again. If you use a proxy or VPN, ask your IT department"
                            + " whether it lets Deskside through.");
            case PROXY_AUTH -> failure("Your proxy asks for a password",
                    "Type the user name and password you use for your network's proxy, then click Try again.");
            case PROXY_REFUSED -> failure("Your network's proxy blocks the connection",
                    "Ask your IT department to allow " + (gateway == null || gateway.isBlank() ? "the help desk's server" : gateway) + ".");
            case TLS_UNTRUSTED -> failure("This is not your help desk's server",
                    "Your connection may be intercepted. Do not continue; call the help desk.");
        };
    }

    /** The proxy wanted a login, and did not accept the one the end user gave. */
    public static FailureText proxyLoginRefused() {
        return failure("Your proxy did not accept that user name and password", "Ask your IT department.");
    }

    /** A proxy wants a login, but this computer names no proxy to give it to (one that intercepts connections). */
    public static FailureText proxyUnknown() {
        return failure("Your proxy asks for a password", "Deskside does not know which proxy that is. Ask your IT department.");
    }

    /** Nothing answered: the network, a proxy, a firewall. */
    public static FailureText unreachable() {
        return failure("Cannot reach the help desk",
                "Check that you are online. If you use a proxy or VPN, ask your IT department whether it lets Deskside through.");
    }

    /** The session's own end, from this side, when the technician's program broke the protocol. */
    public static FailureText brokenSession() {
        return generic(DisconnectReason.PROTOCOL_ERROR);
    }

    private static FailureText generic(DisconnectReason reason) {
        return failure("Something went wrong (code: " + reason.code() + ")",
                "Try again. If it happens again, tell the help desk this code.");
    }

    private static FailureText failure(String title, String next) {
        return new FailureText(title, next, false);
    }

    private static FailureText ended(String title, String next) {
        return new FailureText(title, next, true);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
