package io.deskside.rest.security;

import io.deskside.edge.config.EdgeStartup;
import jakarta.servlet.annotation.WebListener;

/** The edge's settings, checked as the API deploys. */
@WebListener
public class Startup extends EdgeStartup {
}
