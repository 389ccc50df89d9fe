package io.deskside.protocol.session;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Which help session a Host and a Guest are about to share, as the gateway names it to both:
 * the help request, and the ticket routing group or help service it came by. The key exchange
 * binds both sides to these exact bytes, so a Host and a Guest that were told different
 * sessions (a confused or dishonest gateway pairing the wrong two) fail the key exchange with
 * {@code key_exchange_failed} instead of exchanging records that never open. Each client also
 * checks the parts it knows on its own: the Host its routing group or service, the Guest the
 * request it claimed.
 */
public record SessionContext(long requestId, Kind kind, String target) {

    /** Longest target, in UTF-8 bytes: a routing group is 3 to 6 digits, a service name at most 64 characters. */
    public static final int MAX_TARGET = 256;

    /** How the Host asked: by ticket (the target is its routing group) or by help service. */
    public enum Kind {
        TICKET(1), SERVICE(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The kind for a wire code, or null for a code no version uses. */
        public static Kind of(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            return null;
        }
    }

    public SessionContext {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        if (requestId <= 0) {
            throw new IllegalArgumentException("a help request id is positive");
        }
        if (target.isEmpty() || target.getBytes(StandardCharsets.UTF_8).length > MAX_TARGET) {
            throw new IllegalArgumentException("a session's target has 1 to " + MAX_TARGET + " bytes");
        }
    }

    public static SessionContext ofTicket(long requestId, String routingGroup) {
        return new SessionContext(requestId, Kind.TICKET, routingGroup);
    }

    public static SessionContext ofService(long requestId, String serviceName) {
        return new SessionContext(requestId, Kind.SERVICE, serviceName);
    }

    /** The canonical bytes the key exchanges bind to: a label, the id, the kind and the target. */
    public byte[] bytes() {
        byte[] label = "deskside session v1".getBytes(StandardCharsets.US_ASCII);
        byte[] name = target.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(label);
        out.writeBytes(ByteBuffer.allocate(8 + 1 + 2).putLong(requestId).put((byte) kind.code).putShort((short) name.length).array());
        out.writeBytes(name);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "request " + requestId + " by " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + target;
    }
}
