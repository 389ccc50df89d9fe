package io.deskside.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The help desk's API at {@code /api}. Callers authenticate with HTTP Basic (see
 * {@link io.deskside.edge.security.BasicAuthentication}); which paths need a signed-in caller
 * is in web.xml, and which role each call needs is checked in its resource.
 */
@ApplicationPath("/")
public class RestApplication extends Application {
}
