package io.deskside.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the settings injectable; they are read once per deployment. */
@ApplicationScoped
public class Settings {

    private final GatewaySettings settings = GatewaySettings.fromEnvironment();

    @Produces
    public GatewaySettings settings() {
        return settings;
    }
}
