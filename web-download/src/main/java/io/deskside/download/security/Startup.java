package io.deskside.download.security;

import io.deskside.edge.config.EdgeStartup;
import jakarta.servlet.annotation.WebListener;

/** The edge's settings, checked as the download site deploys. */
@WebListener
public class Startup extends EdgeStartup {
}
