package io.deskside.protocol.ticket;

import java.security.SecureRandom;

/**
 * The last six digits of a service ticket. They are the password of the key exchange
 * between Host and Guest and never reach the gateway, so {@link #toString()} hides them.
 */
public final class TicketSecret {

    public static final int DIGITS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final char[] digits;

    private TicketSecret(char[] digits) {
        this.digits = digits;
    }

    public static TicketSecret of(String digits) {
        if (digits == null || digits.length() != DIGITS
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a ticket secret is " + DIGITS + " digits");
        }
        return new TicketSecret(digits.toCharArray());
    }

    public static TicketSecret random() {
        char[] digits = new char[DIGITS];
        for (int i = 0; i < DIGITS; i++) {
            digits[i] = (char) ('0' + RANDOM.nextInt(10));
        }
        return new TicketSecret(digits);
    }

    /** The digits, for the key exchange and for showing the ticket to the technician once. */
    public String reveal() {
        return new String(digits);
    }

    @Override
    public String toString() {
        return "******";
    }
}
