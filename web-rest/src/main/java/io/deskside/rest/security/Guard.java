package io.deskside.rest.security;

import io.deskside.edge.http.RequestGuard;
import jakarta.servlet.annotation.WebFilter;

/** The edge's {@link RequestGuard} on every request to the API: cross-site pages and unserved methods are refused. */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class Guard extends RequestGuard {

    private static final long serialVersionUID = 1L;
}
