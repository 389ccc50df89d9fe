package io.deskside.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 requests sent from a loopback address of the test's choosing (127.0.0.2, 127.0.0.3, ...:
 * Linux answers the whole 127/8), so that a test can be a source address of its own, as a
 * client elsewhere on the network would be, without trusting forwarding headers. The JDK's
 * HttpClient cannot choose its local address before Java 19, hence a plain socket.
 */
public final class FromAddress {

    /** A status, the headers (names in lower case) and the body. */
    public record Answer(int status, Map<String, String> headers, byte[] bytes) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }

    private FromAddress() {
    }

    /** GET {@code path} (such as {@code /api/me}) from {@code local}, signed in as {@code login}. */
    public static Answer get(String local, String path, String login, String password) throws IOException {
        String basic = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return exchange(local, "GET " + path, "Authorization: Basic " + basic + "\r\nAccept: application/json\r\n", new byte[0]);
    }

    /** GET {@code path} from {@code local}, not signed in. */
    public static Answer get(String local, String path) throws IOException {
        return exchange(local, "GET " + path, "Accept: application/json\r\n", new byte[0]);
    }

    /** POST {@code body} of {@code contentType} to {@code path} from {@code local}, not signed in. */
    public static Answer post(String local, String path, String contentType, byte[] body) throws IOException {
        return exchange(local, "POST " + path, "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n", body);
    }

    /**
     * Any method and path exactly as given, not normalised or encoded by a client library (for
     * path tricks: {@code /api/health/..;/technicians}), with these headers and body.
     */
    public static Answer raw(String local, String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder h = new StringBuilder();
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        if (body.length > 0 || !method.equals("GET") && !method.equals("HEAD")) {
            h.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return exchange(local, method + " " + path, h.toString(), body);
    }

    /** One request ({@code method path}, header lines each ending in CRLF, body) on its own connection from {@code local}. */
    private static Answer exchange(String local, String request, String headers, byte[] body) throws IOException {
        URI base = URI.create(Api.BASE);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write((request + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read(s.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.ISO_8859_1); // a char a byte, so chunk sizes count right
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding")) && !body.isEmpty()) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }
}
