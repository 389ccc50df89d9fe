package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.client.GatewayTunnel.Options;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.net.http.HttpClient;

/**
 * The tunnel in HTTP transaction mode, for proxies that hold or cut a streamed answer: POSTs both
 * ways, each answered as a whole. One of them is always waiting (long-polled) for what comes
 * down; frames up go in requests of their own, answered at once.
 */
final class TransactionCarrier extends HttpCarrier {

    TransactionCarrier(Options options, HttpClient http, CarrierOwner owner) {
        super(Mode.TRANSACTION, options, http, owner, true);
    }

    @Override
    void start(Message.Hello hello) throws IOException {
        requests.hello(hello);
        if (opening() || refused() != null) {
            return;
        }
        push();
    }
}
