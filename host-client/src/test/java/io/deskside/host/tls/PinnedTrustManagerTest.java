package io.deskside.host.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which server certificates a Host's pin lets through, checked on the trust manager itself. */
class PinnedTrustManagerTest {

    @TempDir
    static Path dir;

    static X509Certificate helpDesk;
    static X509Certificate other;

    @BeforeAll
    static void makeCertificates() throws Exception {
        helpDesk = TestCertificates.certificate(TestCertificates.make(dir, "helpdesk", "help.example.com"));
        other = TestCertificates.certificate(TestCertificates.make(dir, "other", "help.example.com"));
    }

    private static void serverCheck(PinnedTrustManager tm, X509Certificate... chain) throws CertificateException {
        tm.checkServerTrusted(chain, "ECDHE_ECDSA", (SSLEngine) null);
    }

    @Test
    void thePinnedCertificatePasses() throws Exception {
        PinnedTrustManager tm = new PinnedTrustManager(List.of(PinnedTrustManager.sha256(helpDesk)));
        assertDoesNotThrow(() -> serverCheck(tm, helpDesk));
        assertDoesNotThrow(() -> serverCheck(tm, helpDesk, other), "only the leaf counts");
        assertDoesNotThrow(() -> tm.checkServerTrusted(new X509Certificate[] {helpDesk}, "ECDHE_ECDSA"));
    }

    @Test
    void anotherCertificateWithTheSameNameFails() throws Exception {
        PinnedTrustManager tm = new PinnedTrustManager(List.of(PinnedTrustManager.sha256(helpDesk)));
        CertificateException e = assertThrows(CertificateException.class, () -> serverCheck(tm, other));
        assertEquals("not the help desk's certificate", e.getMessage());
        assertThrows(CertificateException.class, () -> serverCheck(tm, other, helpDesk), "the pinned one further up the chain is no leaf");
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(new X509Certificate[] {other}, "ECDHE_ECDSA", (java.net.Socket) null));
    }

    @Test
    void anEmptyChainFails() throws Exception {
        PinnedTrustManager tm = new PinnedTrustManager(List.of(PinnedTrustManager.sha256(helpDesk)));
        assertThrows(CertificateException.class, () -> serverCheck(tm));
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(null, "ECDHE_ECDSA", (SSLEngine) null));
    }

    @Test
    void withTwoPinsDuringARotationBothCertificatesPass() throws Exception {
        PinnedTrustManager tm = new PinnedTrustManager(List.of(PinnedTrustManager.sha256(other), PinnedTrustManager.sha256(helpDesk)));
        assertDoesNotThrow(() -> serverCheck(tm, helpDesk));
        assertDoesNotThrow(() -> serverCheck(tm, other));
    }

    @Test
    void aHostTrustsNoTlsClients() throws Exception {
        PinnedTrustManager tm = new PinnedTrustManager(List.of(PinnedTrustManager.sha256(helpDesk)));
        assertThrows(CertificateException.class, () -> tm.checkClientTrusted(new X509Certificate[] {helpDesk}, "EC"));
        assertThrows(CertificateException.class, () -> tm.checkClientTrusted(new X509Certificate[] {helpDesk}, "EC", (SSLEngine) null));
        assertThrows(CertificateException.class, () -> tm.checkClientTrusted(new X509Certificate[] {helpDesk}, "EC", (java.net.Socket) null));
        assertEquals(0, tm.getAcceptedIssuers().length);
    }

    @Test
    void aPinThatIsNoSha256IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PinnedTrustManager(List.of(new byte[20])));
        assertThrows(IllegalArgumentException.class, () -> new PinnedTrustManager(List.of()));
    }
}
