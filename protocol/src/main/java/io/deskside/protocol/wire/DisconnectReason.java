package io.deskside.protocol.wire;

import java.util.HashMap;
import java.util.Map;

/**
 * Why a connection or session ended: one list for client and server. On the wire each reason
 * travels as its code, a short lower-case word fixed by hand here (never derived from the
 * constant's name or position, so renaming or reordering changes nothing); a word no version
 * uses is refused as malformed.
 */
public enum DisconnectReason {
    /** The end user ended the session from the Host. */
    HOST_ENDED("host_ended"),
    /** The technician ended the session. */
    GUEST_ENDED("guest_ended"),
    /** The end user pressed the emergency disconnect hotkey. */
    HOTKEY("hotkey"),
    /** The end user declined access. */
    DENIED("denied"),
    /** Nobody took the request in time. */
    EXPIRED("expired"),
    /** The other side dropped and did not come back within the grace period. */
    LOST("lost"),
    /** The end-to-end key exchange failed: a wrong ticket secret, or tampering. */
    KEY_EXCHANGE_FAILED("key_exchange_failed"),
    /** The technician's account was switched off or lost its role. */
    REVOKED("revoked"),
    /** Another Guest tunnel took the session. */
    REPLACED("replaced"),
    /** The session had ended already. */
    ENDED("ended"),
    /** A Host that did not ask for help in time. */
    IDLE("idle"),
    /** The node, or the Host's address, has as many Host tunnels as it takes. */
    BUSY("busy"),
    /** A Host without a valid gateway credential. */
    UNAUTHENTICATED("unauthenticated"),
    /** A resume named a tunnel the gateway does not have. */
    UNKNOWN_TUNNEL("unknown_tunnel"),
    /** No live ticket has that routing group. */
    UNKNOWN_TICKET("unknown_ticket"),
    /** The address guessed or asked too often, or the node's budget of wrong tickets is spent. */
    TOO_MANY_ATTEMPTS("too_many_attempts"),
    /** A help request the gateway could not take as it was (a bad routing group, say). */
    BAD_REQUEST("bad_request"),
    /** The gateway could not take the request now (the queue is full, say). */
    UNAVAILABLE("unavailable"),
    /** The gateway refused the tunnel for another reason, named in the text. */
    REFUSED("refused"),
    /** The ticket this request waited with was used by another request, revoked or burned. */
    TICKET_CLOSED("ticket_closed"),
    /** The other side broke the protocol. */
    PROTOCOL_ERROR("protocol_error"),
    /** This client closed its own tunnel (never sent). */
    CLOSED("closed"),
    /** This client's application fell too far behind reading the tunnel (never sent). */
    TOO_FAR_BEHIND("too_far_behind");

    private static final Map<String, DisconnectReason> BY_CODE = new HashMap<>();

    static {
        for (DisconnectReason r : values()) {
            BY_CODE.put(r.code, r);
        }
    }

    private final String code;

    DisconnectReason(String code) {
        this.code = code;
    }

    /** The word on the wire, in logs, call records' end reasons and the docs. */
    public String code() {
        return code;
    }

    /** The reason for a code, or null for a word no version uses. */
    public static DisconnectReason of(String code) {
        return BY_CODE.get(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
