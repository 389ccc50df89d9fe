package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.client.GatewayTunnel.Options;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What the two HTTP transports share: frames go up in POSTs through one {@link HttpTunnelRequests},
 * which also keeps the position up and answers holes; they differ only in how frames come down.
 */
abstract sealed class HttpCarrier extends Carrier permits StreamingCarrier, TransactionCarrier {

    final HttpTunnelRequests requests;

    HttpCarrier(Mode mode, Options options, HttpClient http, CarrierOwner owner, boolean holdsAPoll) {
        super(mode);
        this.requests = new HttpTunnelRequests(this, options, http, owner, holdsAPoll);
    }

    @Override
    void upFrom(long count) {
        requests.upFrom(count);
    }

    @Override
    void push() {
        requests.push();
    }

    @Override
    void drain(Duration wait) {
        requests.drain(wait);
    }

    @Override
    void stop(boolean abort) {
        requests.stop();
    }
}
