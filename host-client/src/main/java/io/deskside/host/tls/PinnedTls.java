package io.deskside.host.tls;

import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS a Host speaks to its gateway: the JDK's protocols and ciphers, trusting only the pinned
 * certificate ({@link PinnedTrustManager}). The tunnel gets it with
 * {@code GatewayTunnel.Options.tls(PinnedTls.context(config.pins()))}; through an HTTP proxy the
 * TLS runs inside CONNECT, so the pin holds there too.
 */
public final class PinnedTls {

    private PinnedTls() {
    }

    /** A context whose server certificate must hash to one of {@code pins}. */
    public static SSLContext context(List<byte[]> pins) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new PinnedTrustManager(pins)}, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no usable TLS: " + e.getMessage(), e);
        }
    }
}
