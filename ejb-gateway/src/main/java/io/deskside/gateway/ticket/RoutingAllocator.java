package io.deskside.gateway.ticket;

import io.deskside.protocol.ticket.RoutingId;
import java.util.Random;
import java.util.Set;

/**
 * Picks the routing group of a new ticket at random among the free numbers. Three digits while
 * few tickets are live; one digit more whenever live tickets would fill more than 30% of the
 * space, so that a guessed group rarely hits a live ticket and a random pick finds a free one
 * quickly.
 */
public final class RoutingAllocator {

    static final double MAX_FILL = 0.3;

    private RoutingAllocator() {
    }

    public static int digitsFor(long liveTickets) {
        int digits = RoutingId.MIN_DIGITS;
        while (digits < RoutingId.MAX_DIGITS && liveTickets >= MAX_FILL * Math.pow(10, digits)) {
            digits++;
        }
        return digits;
    }

    /** A free group of the given length, or null when every one is taken. */
    public static String pick(int digits, Set<String> taken, Random random) {
        int space = (int) Math.pow(10, digits);
        if (taken.size() >= space) {
            return null;
        }
        for (int attempt = 0; attempt < 64; attempt++) {
            String candidate = format(random.nextInt(space), digits);
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
        // Nearly full: walk from a random start to the next free number.
        int start = random.nextInt(space);
        for (int i = 0; i < space; i++) {
            String candidate = format((start + i) % space, digits);
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String format(int number, int digits) {
        return String.format("%0" + digits + "d", number);
    }
}
