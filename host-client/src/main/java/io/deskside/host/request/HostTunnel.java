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

    /** Opens a real {@link GatewayTunnel}. */
    static Opener gateway() {
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
