package io.deskside.host.request;

import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.client.SealedStreams;
import java.io.IOException;
import java.time.Duration;

/**
 * The part of {@link GatewayTunnel} the help request uses: send, read the next event, close. A
 * seam, so the flow can be driven without a gateway.
 */
public interface HostTunnel extends SealedStreams.Tunnel, AutoCloseable {

    /** How a tunnel is opened; production code uses {@link #gateway()}. */
    interface Opener {
        HostTunnel open(GatewayTunnel.Options options) throws IOException;
    }

    /** The next event, or null if none comes in time. */
    GatewayTunnel.Event next(Duration wait) throws InterruptedException;

    @Override
    void close();

    /**
     * The JDK's setting that names the proxy login schemes it will not send through a
     * {@code CONNECT}; by default Basic, the one proxies ask for.
     */
    String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    /**
     * Opens a real {@link GatewayTunnel}. It lets the JDK send the proxy login the end user typed
     * through the {@code CONNECT} of an HTTPS or WebSocket tunnel: the JDK reads that setting once,
     * when its first HTTP client starts, and its default (no Basic) would make any proxy refuse a
     * right password for a {@code wss://} help desk. Nothing else in the Host uses HTTP before
     * this. A setting given on the command line is kept.
     */
    static Opener gateway() {
        if (System.getProperty(TUNNELING_DISABLED_SCHEMES) == null) {
            System.setProperty(TUNNELING_DISABLED_SCHEMES, "");
        }
        return options -> of(GatewayTunnel.open(options));
    }

    static HostTunnel of(GatewayTunnel tunnel) {
        return new HostTunnel() {
            @Override
            public void send(io.deskside.protocol.wire.Message m) {
                tunnel.send(m);
            }

            @Override
            public long unsentBytes() {
                return tunnel.unsentBytes();
            }

            @Override
            public void whenWritten(Runnable hook) {
                tunnel.whenWritten(hook);
            }

            @Override
            public GatewayTunnel.Event next(Duration wait) throws InterruptedException {
                return tunnel.next(wait);
            }

            @Override
            public void close() {
                tunnel.close();
            }
        };
    }
}
