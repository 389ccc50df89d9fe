package io.deskside.protocol.ticket;

import java.util.Objects;

/**
 * A one-time service ticket as people read it over the phone: {@code 123-456-789}.
 * The first group is the {@link RoutingId}; the last two groups are the {@link TicketSecret}.
 * Parsing accepts what people type: spaces, dots or no separators at all.
 */
public record TicketCode(RoutingId routing, TicketSecret secret) {

    public TicketCode {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(secret, "secret");
    }

    public static TicketCode parse(String typed) {
        if (typed == null) {
            throw new IllegalArgumentException("no ticket code");
        }
        String trimmed = typed.strip();
        String digits = trimmed.replaceAll("[\\s.\\-]", "");
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a ticket code holds digits only, like 123-456-789");
        }
        int routingDigits = digits.length() - TicketSecret.DIGITS;
        if (trimmed.contains("-") || trimmed.contains(" ") || trimmed.contains(".")) {
            // Where the user kept the groups, the first one is the routing part whatever its length.
            String first = trimmed.split("[\\s.\\-]+")[0];
            routingDigits = first.length();
            if (routingDigits + TicketSecret.DIGITS != digits.length()) {
                throw new IllegalArgumentException("a ticket code is a routing group and six more digits");
            }
        }
        if (routingDigits < RoutingId.MIN_DIGITS || routingDigits > RoutingId.MAX_DIGITS) {
            throw new IllegalArgumentException("a ticket code is a routing group and six more digits");
        }
        return new TicketCode(new RoutingId(digits.substring(0, routingDigits)),
                TicketSecret.of(digits.substring(routingDigits)));
    }

    /** The readable form, with the secret shown: only for the people who hold the ticket. */
    public String reveal() {
        String s = secret.reveal();
        return routing.digits() + "-" + s.substring(0, 3) + "-" + s.substring(3);
    }

    @Override
    public String toString() {
        return routing.digits() + "-***-***";
    }
}
