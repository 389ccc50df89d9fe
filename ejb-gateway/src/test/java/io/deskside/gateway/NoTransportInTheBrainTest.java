package io.deskside.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gateway is the brain; HTTP is the edge's. No source of the EJB jar names the servlet or
 * WebSocket APIs or an HTTP sign-in mechanism (fully qualified names included), and of the edge
 * it uses only the ports, the one package an EAR library may offer the EJB jar. Nor does it name
 * the desktop stream that Host and Guest speak inside sealed records.
 */
class NoTransportInTheBrainTest {

    private static final Pattern TRANSPORT = Pattern.compile("jakarta\\.(servlet|websocket|security\\.enterprise\\.authentication\\.mechanism\\.http)\\b");
    private static final Pattern EDGE_BEYOND_PORTS = Pattern.compile("io\\.deskside\\.edge\\.(?!port\\.)");
    /** What Host and Guest say inside sealed records is theirs: the gateway relays it unread. */
    private static final Pattern DESKTOP = Pattern.compile("io\\.deskside\\.protocol\\.desktop\\b|\\b(SealedStreams|CreditWindow)\\b");

    @Test
    void theGatewaysSourcesNameNoServletWebSocketOrHttpMechanismAndOnlyTheEdgesPorts() throws IOException {
        Path main = Path.of("src/main/java");
        assertTrue(Files.isDirectory(main), "run from the module's directory: " + Path.of("").toAbsolutePath());
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    String text = Files.readString(p);
                    return Stream.of(TRANSPORT.matcher(text).find() ? p + ": servlet, WebSocket or HTTP mechanism" : null,
                            EDGE_BEYOND_PORTS.matcher(text).find() ? p + ": the edge beyond its ports" : null,
                            DESKTOP.matcher(text).find() ? p + ": the desktop stream, which the gateway never reads" : null);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(java.util.Objects::nonNull).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
