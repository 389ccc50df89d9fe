package io.deskside.host.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostTunnelTest {

    @Test
    void theRealOpenerLetsTheJdkSendAProxyLoginThroughConnectUnlessToldOtherwise() {
        String before = System.getProperty(HostTunnel.TUNNELING_DISABLED_SCHEMES);
        try {
            System.clearProperty(HostTunnel.TUNNELING_DISABLED_SCHEMES);
            HostTunnel.gateway();
            assertEquals("", System.getProperty(HostTunnel.TUNNELING_DISABLED_SCHEMES), "Basic is no longer disabled for CONNECT");
            System.setProperty(HostTunnel.TUNNELING_DISABLED_SCHEMES, "Basic,Digest");
            HostTunnel.gateway();
            assertEquals("Basic,Digest", System.getProperty(HostTunnel.TUNNELING_DISABLED_SCHEMES), "a command line's setting is kept");
        } finally {
            if (before == null) {
                System.clearProperty(HostTunnel.TUNNELING_DISABLED_SCHEMES);
            } else {
                System.setProperty(HostTunnel.TUNNELING_DISABLED_SCHEMES, before);
            }
        }
    }
}
