package io.deskside.rest.json;

import io.deskside.gateway.error.GatewayException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

/** JSON-B, shared: for bodies read by hand and for WebSocket messages. */
public final class Json {

    public static final int MAX_BODY = 64 * 1024;
    private static final Jsonb JSONB = JsonbBuilder.create();

    private Json() {
    }

    /** Reads an optional body: null when there is none; a 400 naming the problem when it is not valid. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return null;
        }
        if (json.length() > MAX_BODY) {
            throw new GatewayException(413, "Content Too Large", "the body is larger than " + MAX_BODY + " bytes");
        }
        try {
            return JSONB.fromJson(json, type);
        } catch (JsonbException e) {
            throw GatewayException.invalid("the body is not the JSON this resource takes");
        }
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }
}
