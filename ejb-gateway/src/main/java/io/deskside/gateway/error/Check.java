package io.deskside.gateway.error;

import java.util.regex.Pattern;

/** Input checks that answer with a {@link GatewayException#invalid 400} naming the field. */
public final class Check {

    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");

    private Check() {
    }

    public static String login(String value) {
        if (value == null || !LOGIN.matcher(value).matches()) {
            throw GatewayException.invalid("login must be 2 to 64 characters: lower-case letters, digits and . _ @ -");
        }
        return value;
    }

    /** Trims, rejects blanks and control characters, and bounds the length. */
    public static String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw GatewayException.invalid(field + " is required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw GatewayException.invalid(field + " is at most " + max + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw GatewayException.invalid(field + " must not contain control characters");
        }
        return v;
    }

    public static char[] newPassword(String value) {
        if (value == null || value.length() < 12) {
            throw GatewayException.invalid("password must be at least 12 characters");
        }
        if (value.length() > 1024) {
            throw GatewayException.invalid("password is at most 1024 characters");
        }
        return value.toCharArray();
    }
}
