package io.deskside.download.security;

import io.deskside.edge.http.RequestGuard;
import jakarta.servlet.annotation.WebFilter;

/** The edge's {@link RequestGuard} on every request to the download site and the Host's tunnel. */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class Guard extends RequestGuard {

    private static final long serialVersionUID = 1L;
}
