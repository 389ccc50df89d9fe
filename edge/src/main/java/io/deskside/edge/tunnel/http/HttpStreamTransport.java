package io.deskside.edge.tunnel.http;

import io.deskside.edge.port.CarriedTunnel;
import io.deskside.edge.port.Transport;
import io.deskside.edge.tunnel.PushTransport;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A tunnel's downward transport over one long-lived HTTP response (HTTP streaming): frames are
 * written to it as they come, without holding a thread; the Host's or Guest's frames go up in
 * separate POSTs. The stream ends when the tunnel ends, another transport replaces it, or the
 * connection breaks.
 */
final class HttpStreamTransport extends PushTransport implements AsyncListener {

    private final AsyncContext context;
    private final AsyncOut out;
    private final boolean proxied;
    private boolean ended;

    HttpStreamTransport(AsyncContext context, boolean proxied) throws IOException {
        this.context = context;
        this.proxied = proxied;
        context.setTimeout(0);
        context.addListener(this);
        this.out = new AsyncOut(context);
    }

    @Override
    public boolean proxied() {
        return proxied;
    }

    @Override
    protected void write(byte[] bytes, Consumer<Boolean> written) {
        out.write(bytes, written);
    }

    @Override
    protected void end(String reason) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        try {
            context.complete();
        } catch (IllegalStateException alreadyOver) {
            // The container ended the request first.
        }
    }

    private void gone() {
        CarriedTunnel t = tunnel();
        if (t != null) {
            t.detach(this);
        }
        synchronized (this) {
            ended = true;
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        gone();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        gone();
        end("timeout");
    }

    @Override
    public void onError(AsyncEvent event) {
        gone();
        out.onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
