package io.deskside.edge.tunnel.http;



import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Non-blocking writes to an asynchronous servlet response: one piece at a time, written and
 * flushed when the container says the connection can take it, then a callback. No thread
 * waits for a slow reader.
 */
final class AsyncOut implements WriteListener {

    private final ServletOutputStream out;
    private byte[] pending;
    private Consumer<Boolean> callback;
    private boolean flushNeeded;
    private boolean failed;

    AsyncOut(AsyncContext context) throws IOException {
        this.out = context.getResponse().getOutputStream();
        out.setWriteListener(this);
    }

    void write(byte[] bytes, Consumer<Boolean> written) {
        synchronized (this) {
            if (failed) {
                pending = null;
            } else {
                pending = bytes;
                callback = written;
            }
        }
        if (pending == null && callback == null) {
            written.accept(false);
            return;
        }
        drain();
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable t) {
        Consumer<Boolean> c;
        synchronized (this) {
            failed = true;
            c = callback;
            callback = null;
            pending = null;
        }
        if (c != null) {
            c.accept(false);
        }
    }

    private void drain() {
        Consumer<Boolean> done = null;
        boolean ok = true;
        synchronized (this) {
            try {
                while (!failed && out.isReady()) {
                    if (pending != null) {
                        out.write(pending);
                        pending = null;
                        flushNeeded = true;
                    } else if (flushNeeded) {
                        flushNeeded = false;
                        out.flush();
                    } else {
                        done = callback;
                        callback = null;
                        break;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                failed = true;
                ok = false;
                done = callback;
                callback = null;
                pending = null;
            }
        }
        if (done != null) {
            done.accept(ok);
        }
    }
}
