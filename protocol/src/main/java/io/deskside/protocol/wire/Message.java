package io.deskside.protocol.wire;

import io.deskside.protocol.session.SessionContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a frame means. Every message knows its frame and can be read back from one; reading
 * refuses anything that is not exactly a well-formed message of its type. Stream 0 is the
 * connection itself; only {@link Data} and {@link Credit} travel on numbered streams.
 */
public sealed interface Message {

    int MAX_NAME = 128;
    int MAX_TEXT = 1000;
    int MAX_TOKEN = 128;
    int MAX_KEY_EXCHANGE = 4096;

    Frame toFrame();

    /** An enum constant's value on the wire: fixed by hand, never its position in the enum. */
    interface Coded {
        int code();
    }

    /** Which side of a session a connection speaks for. */
    enum Role implements Coded {
        HOST(0), GUEST(1);

        private final int code;

        Role(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** What a session may do; the Host shows them when it asks the end user. The code is the bit. */
    enum Permission implements Coded {
        VIEW(0), CONTROL(1), ANNOTATE(2), CHAT(3), FILES(4), CLIPBOARD(5), RECORD(6);

        private final int code;

        Permission(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The permissions as a bit set, one bit per {@link #code()}. */
        public static int mask(Set<Permission> permissions) {
            int mask = 0;
            for (Permission p : permissions) {
                mask |= 1 << p.code;
            }
            return mask;
        }
    }

    /**
     * Opens a transport. {@code credential} is what a Host carries to be let in at all (its
     * download's gateway credential; empty for a Guest, whose technician logged in over HTTP);
     * {@code resume} is empty for a new tunnel, or the token of a tunnel to carry on after a
     * dropped or stalled transport; {@code received} is then how many sequenced frames this side
     * had received on it, so the gateway resends exactly the rest.
     */
    record Hello(Role role, String client, String credential, String resume, long received) implements Message {
        public Hello(Role role, String client, String resume) {
            this(role, client, "", resume, 0);
        }

        public Hello(Role role, String client, String resume, long received) {
            this(role, client, "", resume, received);
        }

        @Override
        public String toString() {
            return "Hello[" + role + ", " + client + (credential.isEmpty() ? "" : ", with a credential")
                    + (resume.isEmpty() ? "" : ", resuming") + ", received " + received + "]";
        }

        public Frame toFrame() {
            return new Frame(FrameType.HELLO, 0, new Payload.Writer().u8(role.code()).string(client, MAX_NAME)
                    .string(credential, MAX_TOKEN).string(resume, MAX_TOKEN).u64(received).done());
        }
    }

    /**
     * The gateway accepted the hello. {@code resume} is the token that carries this tunnel on
     * over another transport; {@code received} is how many sequenced frames the gateway had
     * received, so the client resends exactly the rest; {@code transactionOnly} says the request
     * came through an HTTP proxy and the client should use HTTP transaction mode.
     */
    record Welcome(String resume, int heartbeatSeconds, long received, boolean transactionOnly) implements Message {
        public Welcome(String resume, int heartbeatSeconds) {
            this(resume, heartbeatSeconds, 0, false);
        }

        @Override
        public String toString() {
            return "Welcome[heartbeat " + heartbeatSeconds + " s, received " + received + (transactionOnly ? ", transaction mode" : "") + "]";
        }

        public Frame toFrame() {
            return new Frame(FrameType.WELCOME, 0, new Payload.Writer().string(resume, MAX_TOKEN).u16(heartbeatSeconds)
                    .u64(received).u8(transactionOnly ? 1 : 0).done());
        }
    }

    /** How many sequenced frames the sender has received; the other side may forget those. */
    record Ack(long received) implements Message {
        public Frame toFrame() {
            return new Frame(FrameType.ACK, 0, new Payload.Writer().u64(received).done());
        }
    }

    /** The Host asks for help, with a ticket's routing group or a help service's name. */
    record HelpRequest(boolean byTicket, String target, String customerName, String text) implements Message {
        public Frame toFrame() {
            return new Frame(FrameType.HELP_REQUEST, 0, new Payload.Writer().u8(byTicket ? 1 : 2).string(target, MAX_NAME)
                    .string(customerName, MAX_NAME).string(text, MAX_TEXT).done());
        }
    }

    /** Where the request or session is, for the Host's title bar and the Guest's window. */
    record Status(State state, String detail) implements Message {
        public enum State implements Coded {
            WAITING(0), CLAIMED(1), CONFIRMING(2), CONNECTED(3), ENDED(4);

            private final int code;

            State(int code) {
                this.code = code;
            }

            public int code() {
                return code;
            }
        }

        public Frame toFrame() {
            return new Frame(FrameType.STATUS, 0, new Payload.Writer().u8(state.code()).string(detail, MAX_TEXT).done());
        }
    }

    /** The Host is to ask the end user whether this technician may do these things. */
    record ConfirmRequest(String technician, Set<Permission> permissions) implements Message {
        public ConfirmRequest {
            permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        }

        public Frame toFrame() {
            return new Frame(FrameType.CONFIRM_REQUEST, 0, new Payload.Writer().string(technician, MAX_NAME)
                    .u16(Permission.mask(permissions)).done());
        }
    }

    record ConfirmAnswer(boolean allowed) implements Message {
        public Frame toFrame() {
            return new Frame(FrameType.CONFIRM_ANSWER, 0, new Payload.Writer().u8(allowed ? 1 : 0).done());
        }
    }

    /** One round of the end-to-end key exchange; opaque to the gateway. */
    record KeyExchange(int round, byte[] body) implements Message {
        public Frame toFrame() {
            return new Frame(FrameType.KEY_EXCHANGE, 0, new Payload.Writer().u8(round).bytes(body, MAX_KEY_EXCHANGE).done());
        }
    }

    /** A sealed record on a numbered stream; the payload is the record itself. */
    record Data(int stream, byte[] sealed) implements Message {
        public Frame toFrame() {
            return new Frame(FrameType.DATA, stream, sealed);
        }
    }

    /** The receiver allows this many more bytes on the stream. */
    record Credit(int stream, long bytes) implements Message {
        public Frame toFrame() {
            return new Frame(FrameType.CREDIT, stream, new Payload.Writer().u32(bytes).done());
        }
    }

    record Ping(long nonce) implements Message {
        public Frame toFrame() {
            return new Frame(FrameType.PING, 0, new Payload.Writer().u64(nonce).done());
        }
    }

    record Pong(long nonce) implements Message {
        public Frame toFrame() {
            return new Frame(FrameType.PONG, 0, new Payload.Writer().u64(nonce).done());
        }
    }

    /**
     * The gateway names the session to both sides once it is connected, before their key
     * exchange: each side binds the exchange to it, and checks what it knows of its own (the
     * Host its routing group or service, the Guest the request it claimed).
     */
    record Session(SessionContext context) implements Message {
        public Frame toFrame() {
            return new Frame(FrameType.SESSION, 0, new Payload.Writer().u64(context.requestId()).u8(context.kind().code())
                    .string(context.target(), SessionContext.MAX_TARGET).done());
        }
    }

    /**
     * The Guest's key exchange succeeded: the Host proved the ticket's secret. The gateway then
     * takes the ticket out of use and ends the other requests waiting with it. Only a Guest says
     * it (the Host is anonymous); it carries nothing, and is never relayed.
     */
    record KeyConfirmed() implements Message {
        public Frame toFrame() {
            return new Frame(FrameType.KEY_CONFIRMED, 0, new byte[0]);
        }
    }

    /** The end of a connection or session, with a reason the other side can show. */
    record Disconnect(DisconnectReason reason, String detail) implements Message {
        public Disconnect {
            java.util.Objects.requireNonNull(reason, "reason");
            java.util.Objects.requireNonNull(detail, "detail");
        }

        public Frame toFrame() {
            return new Frame(FrameType.DISCONNECT, 0, new Payload.Writer().string(reason.code(), 32).string(detail, MAX_TEXT).done());
        }
    }

    /** Reads a frame as its message, or says exactly what is wrong with it. */
    static Message decode(Frame frame) throws ProtocolException {
        Payload.Reader r = new Payload.Reader(frame);
        boolean connectionLevel = frame.type() != FrameType.DATA && frame.type() != FrameType.CREDIT;
        if (connectionLevel && frame.stream() != 0) {
            throw new ProtocolException(ProtocolException.Reason.BAD_STREAM, "a " + frame.type() + " frame belongs on stream 0");
        }
        if (!connectionLevel && frame.stream() == 0) {
            throw new ProtocolException(ProtocolException.Reason.BAD_STREAM, "a " + frame.type() + " frame needs a stream");
        }
        Message m = switch (frame.type()) {
            case HELLO -> new Hello(byCode(Role.values(), r.u8(), r), r.string(MAX_NAME), r.string(MAX_TOKEN), r.string(MAX_TOKEN), count(r));
            case WELCOME -> {
                String resume = r.string(MAX_TOKEN);
                int heartbeat = r.u16();
                long received = count(r);
                int only = r.u8();
                if (only > 1) {
                    throw r.malformed("has an unknown transport advice " + only);
                }
                yield new Welcome(resume, heartbeat, received, only == 1);
            }
            case ACK -> new Ack(count(r));
            case HELP_REQUEST -> {
                int kind = r.u8();
                if (kind != 1 && kind != 2) {
                    throw r.malformed("names neither a ticket nor a service");
                }
                yield new HelpRequest(kind == 1, r.string(MAX_NAME), r.string(MAX_NAME), r.string(MAX_TEXT));
            }
            case STATUS -> new Status(byCode(Status.State.values(), r.u8(), r), r.string(MAX_TEXT));
            case CONFIRM_REQUEST -> {
                String technician = r.string(MAX_NAME);
                int mask = r.u16();
                EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
                for (Permission p : Permission.values()) {
                    if ((mask & (1 << p.code())) != 0) {
                        set.add(p);
                    }
                }
                if (Permission.mask(set) != mask) {
                    throw r.malformed("asks for permissions that do not exist");
                }
                yield new ConfirmRequest(technician, set);
            }
            case CONFIRM_ANSWER -> {
                int a = r.u8();
                if (a > 1) {
                    throw r.malformed("is neither yes nor no");
                }
                yield new ConfirmAnswer(a == 1);
            }
            case KEY_EXCHANGE -> new KeyExchange(r.u8(), r.bytes(MAX_KEY_EXCHANGE));
            case DATA -> new Data(frame.stream(), r.rest());
            case CREDIT -> new Credit(frame.stream(), r.u32());
            case PING -> new Ping(r.u64());
            case PONG -> new Pong(r.u64());
            case DISCONNECT -> {
                String code = r.string(32);
                DisconnectReason reason = DisconnectReason.of(code);
                if (reason == null) {
                    throw r.malformed("gives a reason no version uses: " + code.replaceAll("[^a-z_]", "?"));
                }
                yield new Disconnect(reason, r.string(MAX_TEXT));
            }
            case KEY_CONFIRMED -> new KeyConfirmed();
            case SESSION -> {
                long id = r.u64();
                SessionContext.Kind kind = SessionContext.Kind.of(r.u8());
                String target = r.string(SessionContext.MAX_TARGET);
                if (kind == null || id <= 0 || target.isEmpty()) {
                    throw r.malformed("does not name a session");
                }
                yield new Session(new SessionContext(id, kind, target));
            }
        };
        r.end();
        return m;
    }

    /** A frame count: never negative. */
    private static long count(Payload.Reader r) throws ProtocolException {
        long n = r.u64();
        if (n < 0) {
            throw r.malformed("counts more frames than there can be");
        }
        return n;
    }

    private static <E extends Enum<E> & Coded> E byCode(E[] values, int code, Payload.Reader r) throws ProtocolException {
        for (E e : values) {
            if (e.code() == code) {
                return e;
            }
        }
        throw r.malformed("has an unknown value " + code);
    }
}
