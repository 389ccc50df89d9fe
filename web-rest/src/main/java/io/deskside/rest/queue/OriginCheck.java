package io.deskside.rest.queue;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses WebSocket handshakes from web pages of other sites. The Guest is not a browser and
 * sends no Origin; a browser always does, and only origins listed in
 * {@code deskside.allowed-origins} (comma-separated) may connect. This stops a hostile page
 * from riding on a technician's remembered Basic credentials.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {

    private static final Set<String> ALLOWED = Arrays.stream(
                    System.getProperty("deskside.allowed-origins", System.getenv().getOrDefault("DESKSIDE_ALLOWED_ORIGINS", ""))
                            .split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public boolean checkOrigin(String origin) {
        return origin == null || origin.isEmpty() || ALLOWED.contains(origin);
    }
}
