package io.deskside.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Deployments;
import io.deskside.it.support.FromAddress;
import io.deskside.it.support.HelpDesk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lesson of ScreenConnect's CVE-2024-1709 (a trailing slash walked past the set-up check): a
 * protected address written another way must still be protected. Every protected URL of the API,
 * both tunnels, the queue's events and the administrators' calls, is asked for with path
 * variants (a trailing slash, path parameters, case, percent-encodings single and double, empty
 * and dot segments, a climb out of an open address such as {@code /api/health/..;/}, extra
 * segments) and with every method, raw, as no client library would send them. Without the right
 * role, no answer is more than a refusal: nothing 2xx or 3xx, and no server error.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PathVariantsIT {

    /** Refusals: any of these says no without having done anything. */
    private static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404, 405, 411, 413, 414, 415, 429, 431);
    private static final List<String> METHODS = List.of("GET", "HEAD", "OPTIONS", "TRACE", "POST", "PUT", "DELETE", "PATCH");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void noVariantOfAProtectedAddressAnswersAnonymousCallersWithMoreThanARefusal() throws Exception {
        List<String> protectedPaths = List.of("/api/technicians", "/api/technicians/1", "/api/call-records", "/api/events",
                "/api/events/verify", "/api/host-keys/rotation", "/api/services", "/api/queue", "/api/queue/1/claim",
                "/api/tickets", "/api/tickets/1", "/api/me", "/api/queue/events", "/api/sessions/1/tunnel");
        List<String> failures = probe(protectedPaths, Map.of());
        assertTrue(failures.isEmpty(), failures.size() + " variants answered an anonymous caller:\n" + String.join("\n", failures));
        // The probe reaches the API: the same raw request, signed in with the right role, is answered.
        String admin = HelpDesk.admin().authorization();
        assertEquals(200, FromAddress.raw("127.0.0.1", "GET", "/api/technicians", Map.of("Authorization", admin), new byte[0]).status());
        assertEquals(200, FromAddress.raw("127.0.0.1", "GET", "/api/technicians/", Map.of("Authorization", admin), new byte[0]).status());
    }

    @Test
    void noVariantOfAnAdministratorsOrBillingAddressAnswersATechnicianWithMoreThanARefusal() throws Exception {
        String login = HelpDesk.account("bob", "technician");
        String basic = "Basic " + Base64.getEncoder().encodeToString((login + ":" + HelpDesk.PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, FromAddress.raw("127.0.0.1", "GET", "/api/me", Map.of("Authorization", basic), new byte[0]).status(),
                "the technician is signed in");
        List<String> adminPaths = List.of("/api/technicians", "/api/call-records", "/api/events", "/api/events/verify",
                "/api/host-keys/rotation", "/api/technicians/1/password", "/api/sessions/1/tunnel");
        List<String> failures = probe(adminPaths, Map.of("Authorization", basic));
        assertTrue(failures.isEmpty(), failures.size() + " variants answered a technician:\n" + String.join("\n", failures));
    }

    /** Without a credential a Host gets no tunnel, however the address is written. */
    @Test
    void noVariantOfTheHostTunnelOpensATunnelWithoutACredential() throws Exception {
        byte[] hello = new io.deskside.protocol.wire.Message.Hello(io.deskside.protocol.wire.Message.Role.HOST, "probe", "")
                .toFrame().encode();
        List<String> failures = new ArrayList<>();
        for (String variant : variants("/tunnel")) {
            FromAddress.Answer a = FromAddress.raw("127.0.0.1", "POST", variant,
                    Map.of("Content-Type", "application/vnd.deskside.frames"), hello);
            boolean welcomed = a.status() == 200 && a.bytes().length > 1 && a.bytes()[1] == 2;
            if (welcomed || a.status() >= 500) {
                failures.add("POST " + variant + " -> " + a.status() + (welcomed ? " WELCOME" : ""));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static List<String> probe(List<String> paths, Map<String, String> headers) throws Exception {
        List<String> failures = new ArrayList<>();
        for (String path : paths) {
            for (String variant : variants(path)) {
                for (String method : METHODS) {
                    byte[] body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                            ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
                    Map<String, String> h = new java.util.HashMap<>(headers);
                    if (body.length > 0) {
                        h.put("Content-Type", "application/json");
                    }
                    FromAddress.Answer a = FromAddress.raw("127.0.0.1", method, variant, h, body);
                    if (!REFUSALS.contains(a.status())) {
                        String text = a.body();
                        failures.add(method + " " + variant + " -> " + a.status() + " " + (text.length() > 120 ? text.substring(0, 120) : text));
                    }
                }
            }
        }
        return failures;
    }

    /** The same address written every way a path check might not expect. */
    static List<String> variants(String path) {
        String[] parts = path.substring(1).split("/");
        String first = parts[0];
        String rest = path.substring(first.length() + 1); // "/technicians" or ""
        String last = parts[parts.length - 1];
        String head = path.substring(0, path.length() - last.length());
        Set<String> v = new LinkedHashSet<>();
        v.add(path);
        v.add(path + "/");
        v.add(path + ";jsessionid=x");
        v.add(path + ";x=y");
        v.add(path + "/;x=y");
        v.add("/" + first + ";x=y" + rest);
        v.add(path.toUpperCase(Locale.ROOT));
        v.add(head + Character.toUpperCase(last.charAt(0)) + last.substring(1));
        v.add(head + String.format("%%%02x", (int) last.charAt(0)) + last.substring(1));
        v.add(head + String.format("%%%02X", (int) last.charAt(0)) + last.substring(1));
        v.add(path.replace("/", "%2f").replaceFirst("^%2f", "/"));
        v.add(path.replace("/", "%2F").replaceFirst("^%2F", "/"));
        v.add("/" + first + "/%2e" + rest);
        v.add("/" + first + "/%252e" + rest);
        v.add("/" + first + "/%2e%2e/" + first + rest);
        v.add("/" + first + "/%252e%252e/" + first + rest);
        v.add("/" + path);
        v.add("/" + first + "/" + rest);
        v.add("/." + path);
        v.add("/" + first + "/." + rest);
        v.add("/x/.." + path);
        v.add("/" + first + "/x/.." + rest);
        v.add(path + "/..;/" + last);
        v.add(path + "/extra");
        v.add(path + "/extra/..");
        v.add(path + "%00");
        v.add(path + "%20");
        v.add(path + ".json");
        v.add(path + "?x=1");
        if (first.equals("api")) {
            // Climbing out of the addresses anyone may read.
            for (String open : List.of("health", "health/live", "openapi", "problem")) {
                v.add("/api/" + open + "/.." + rest);
                v.add("/api/" + open + "/..;" + rest);
                v.add("/api/" + open + "/%2e%2e" + rest);
                v.add("/api/" + open + ";/.." + rest);
                v.add("/api/" + open + "%2f.." + rest);
            }
        }
        return new ArrayList<>(v);
    }

    @Test
    void theVariantsAreWhatTheyClaim() {
        List<String> v = variants("/api/technicians");
        assertTrue(v.contains("/api/technicians/"));
        assertTrue(v.contains("/api/health/..;/technicians"));
        assertTrue(v.contains("/api/%2e/technicians"));
        assertTrue(v.contains("/api;x=y/technicians"));
        assertTrue(v.contains("/api/%74echnicians"));
        assertTrue(v.size() > 30, v.toString());
    }
}
