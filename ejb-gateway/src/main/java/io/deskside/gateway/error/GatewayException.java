package io.deskside.gateway.error;

import jakarta.ejb.ApplicationException;

/**
 * A fault the caller can understand and fix, with the HTTP status that says so. The message is
 * meant for the caller and never holds a secret. Server faults are any other exception: the
 * edges answer them with "internal error" and log the cause.
 */
@ApplicationException(rollback = true)
public class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;

    public GatewayException(int status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static GatewayException invalid(String message) {
        return new GatewayException(400, "Bad request", message);
    }

    public static GatewayException forbidden(String message) {
        return new GatewayException(403, "Forbidden", message);
    }

    public static GatewayException notFound(String message) {
        return new GatewayException(404, "Not found", message);
    }

    public static GatewayException conflict(String message) {
        return new GatewayException(409, "Conflict", message);
    }
}
