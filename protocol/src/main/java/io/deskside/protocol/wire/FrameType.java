package io.deskside.protocol.wire;

/** Every kind of frame on the wire, with its one-byte code. Codes are never reused. */
public enum FrameType {
    /** Opens a connection: protocol version, role, credentials. */
    HELLO(1),
    /** The gateway's answer to a hello: accepted, with the tunnel's settings. */
    WELCOME(2),
    /** The Host asks for help: ticket routing group or service, customer name, message. */
    HELP_REQUEST(3),
    /** Where the request is: waiting, claimed, connected. */
    STATUS(4),
    /** The Host asks the end user to allow a technician in, naming what the session may do. */
    CONFIRM_REQUEST(5),
    /** The end user's answer. */
    CONFIRM_ANSWER(6),
    /** One step of the end-to-end key exchange, relayed opaquely by the gateway. */
    KEY_EXCHANGE(7),
    /** Encrypted session data on a numbered stream (screen, input, chat, files, ...). */
    DATA(8),
    /** Flow control: the receiver allows this many more bytes on a stream. */
    CREDIT(9),
    PING(10),
    PONG(11),
    /** The end, with a reason. */
    DISCONNECT(12),
    /** The link: how many sequenced frames the sender of this one has received so far. */
    ACK(13),
    /** The gateway names the session to both sides before their key exchange, which binds to it. */
    SESSION(14),
    /**
     * The Guest tells the gateway that its key exchange succeeded: the Host proved the ticket's
     * secret, so the ticket is used up. Never relayed.
     */
    KEY_CONFIRMED(15);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a code, or null for a code no version of the protocol uses. */
    public static FrameType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
