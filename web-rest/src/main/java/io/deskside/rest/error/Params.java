package io.deskside.rest.error;

import io.deskside.gateway.error.GatewayException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Query parameters read by hand, so that a bad one is a 400 naming it (JAX-RS would answer a
 * failed conversion with a bare 404).
 */
public final class Params {

    private Params() {
    }

    /** An instant ({@code 2026-11-25T09:30:00Z}) or a day ({@code 2026-11-25}, from midnight UTC). */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalid(name + " is an instant like 2026-11-25T09:30:00Z or a day like 2026-11-25, not '"
                    + clip(value) + "'");
        }
    }

    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(value.strip());
            if (i < min || i > max) {
                throw GatewayException.invalid(name + " must lie between " + min + " and " + max + ", not " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw GatewayException.invalid(name + " is a whole number, not '" + clip(value) + "'");
        }
    }

    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw GatewayException.invalid(name + " is true or false, not '" + clip(value) + "'");
        };
    }

    public static long id(String name, String value) {
        try {
            long id = Long.parseLong(value);
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw GatewayException.invalid(name + " is a positive whole number, not '" + clip(value) + "'");
        }
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
