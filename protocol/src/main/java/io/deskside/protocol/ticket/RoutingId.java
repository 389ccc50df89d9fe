package io.deskside.protocol.ticket;

/**
 * The first group of a service ticket: the only part of a ticket the gateway ever learns.
 * It routes a help request to the private queue of the technician who issued the ticket.
 * Normally three digits; the gateway hands out longer ones while many tickets are live.
 */
public record RoutingId(String digits) {

    public static final int MIN_DIGITS = 3;
    public static final int MAX_DIGITS = 6;

    public RoutingId {
        if (digits == null || digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    "a routing id is " + MIN_DIGITS + " to " + MAX_DIGITS + " digits");
        }
    }

    @Override
    public String toString() {
        return digits;
    }
}
