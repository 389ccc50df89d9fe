package io.deskside.edge.config;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Reads the edge's settings when a WAR deploys, so a bad value stops the deployment with a
 * message naming the setting instead of failing every request later. Each WAR registers it with
 * a one-line subclass (listeners in an EAR library are not scanned).
 */
public class EdgeStartup implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        EdgeSettings.current();
    }
}
