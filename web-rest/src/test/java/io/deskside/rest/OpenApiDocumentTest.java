package io.deskside.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.rest.health.OpenApiResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document and the JAX-RS resources describe the same calls. */
class OpenApiDocumentTest {

    @Test
    void everyResourceMethodIsDocumentedAndEveryDocumentedCallExists() throws Exception {
        assertEquals(documented(), implemented());
    }

    private static Set<String> documented() throws IOException {
        String yaml;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(yaml.startsWith("openapi: 3.1"));
        Set<String> calls = new TreeSet<>();
        String path = null;
        for (String line : yaml.split("\n")) {
            Matcher p = Pattern.compile("^  (/\\S*):$").matcher(line);
            Matcher m = Pattern.compile("^    (get|post|put|delete|patch):").matcher(line);
            if (p.find()) {
                path = p.group(1);
            } else if (line.startsWith("components:")) {
                path = null;
            } else if (path != null && m.find()) {
                calls.add(m.group(1).toUpperCase() + " " + path);
            }
        }
        return calls;
    }

    private static Set<String> implemented() throws Exception {
        var root = java.nio.file.Path.of(RestApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> calls = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (var file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    for (Annotation a : method.getAnnotations()) {
                        HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                        if (http != null) {
                            Path sub = method.getAnnotation(Path.class);
                            calls.add(http.value() + " /" + base.value() + (sub == null ? "" : "/" + sub.value()));
                        }
                    }
                }
            }
        }
        return calls;
    }
}
