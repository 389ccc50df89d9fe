package io.deskside.edge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class ProblemWriterTest {

    @Test
    void anyDetailComesBackExactlyAsItWasWritten() {
        for (String detail : new String[] {"plain", "a \"quote\" and a \\ backslash", "line one\nline two\r\ttab", "nul \u0000 here",
                "Zahlungsverkehr – ü ✓ 🔥", "separators \u2028 \u2029", "</script><script>alert(1)</script>"}) {
            byte[] json = ProblemWriter.json(Problem.of(400, detail, "/api/x"));
            JsonObject read = Json.createReader(new ByteArrayInputStream(json)).readObject();
            assertEquals(detail, read.getString("detail"));
            assertEquals(400, read.getInt("status"));
            assertEquals("Bad Request", read.getString("title"));
            assertEquals("about:blank", read.getString("type"));
            assertEquals("/api/x", read.getString("instance"));
        }
    }

    @Test
    void absentFieldsAreLeftOut() {
        JsonObject read = Json.createReader(new ByteArrayInputStream(ProblemWriter.json(Problem.of(404, null, null)))).readObject();
        assertFalse(read.containsKey("detail"));
        assertFalse(read.containsKey("instance"));
    }
}
