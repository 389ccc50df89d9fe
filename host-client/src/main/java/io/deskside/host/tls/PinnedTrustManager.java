package io.deskside.host.tls;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts the help desk's gateway, and only it: a server whose leaf certificate's SHA-256 (of its
 * DER encoding) equals one of the pins from the Host's config. Nothing else is checked, on
 * purpose (host-plan §2.3): no certificate authority, since a pin is stricter than any; no
 * validity dates, since an expired pinned certificate is still the help desk's; no hostname,
 * since the pin already names the server exactly ({@code localhost} and {@code 127.0.0.1} stop
 * mattering). JSSE uses an {@link X509ExtendedTrustManager} as it is, so no hostname check is
 * added behind this one's back. A Host is never a TLS server: the client-side checks refuse.
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {

    private static final String NOT_THE_HELP_DESK = "not the help desk's certificate";

    private final List<byte[]> pins;

    /** {@code pins}: 32-byte SHA-256 hashes; copied. */
    public PinnedTrustManager(List<byte[]> pins) {
        if (pins.isEmpty()) {
            throw new IllegalArgumentException("at least one pin");
        }
        List<byte[]> copy = new ArrayList<>();
        for (byte[] pin : pins) {
            if (pin.length != 32) {
                throw new IllegalArgumentException("a pin is a SHA-256 of 32 bytes, not " + pin.length);
            }
            copy.add(pin.clone());
        }
        this.pins = List.copyOf(copy);
    }

    /** The check itself; every server-side method comes here. */
    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0 || chain[0] == null) {
            throw new CertificateException("the server showed no certificate");
        }
        byte[] hash = sha256(chain[0]);
        boolean pinned = false;
        for (byte[] pin : pins) {
            pinned |= MessageDigest.isEqual(pin, hash); // no early exit: the same work for every pin
        }
        if (!pinned) {
            throw new CertificateException(NOT_THE_HELP_DESK);
        }
    }

    /** The SHA-256 of the certificate's DER encoding: what a pin is. */
    public static byte[] sha256(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a Host accepts no TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a Host accepts no TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a Host accepts no TLS clients");
    }

    /** None: a Host asks no client certificates of anyone. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
