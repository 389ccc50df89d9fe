package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.client.GatewayTunnel.Options;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The tunnel in HTTP transaction mode, for proxies that hold or cut a streamed answer: POSTs both
 * ways, each answered as a whole. One of them is always waiting (long-polled) for what comes
 * down; frames up go in requests of their own, answered at once.
 */
final class TransactionCarrier extends Carrier {

    private final HttpTunnelRequests requests;

    TransactionCarrier(Options options, HttpClient http, CarrierOwner owner) {
        super(Mode.TRANSACTION);
        this.requests = new HttpTunnelRequests(this, options, http, owner, true);
    }

    @Override
    void start(Message.Hello hello) throws IOException {
        requests.hello(hello);
        if (opening() || refused() != null) {
            return;
        }
        push();
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
