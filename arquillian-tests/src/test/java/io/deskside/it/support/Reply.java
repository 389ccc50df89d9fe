package io.deskside.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpResponse;

/** An HTTP answer, with the JSON helpers tests need. */
public record Reply(int status, String body, HttpResponse<String> raw) {

    public JsonObject json() {
        try (JsonReader r = Json.createReader(new StringReader(body))) {
            return r.readObject();
        }
    }

    public JsonArray array() {
        try (JsonReader r = Json.createReader(new StringReader(body))) {
            return r.readArray();
        }
    }

    public String header(String name) {
        return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
