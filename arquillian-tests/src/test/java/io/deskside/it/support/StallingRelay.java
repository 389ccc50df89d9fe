package io.deskside.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder between a client and the gateway that can misbehave as networks do:
 * {@link #stall()} freezes every connection open now (nothing moves, nothing closes, as behind a
 * dead NAT entry), while new connections go through; {@link #cut()} resets them all.
 */
public final class StallingRelay implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public StallingRelay(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "stalling-relay");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every connection open now stops moving bytes, without closing. */
    public void stall() {
        pipes.forEach(p -> p.stalled = true);
    }

    /** Every connection open now is reset. */
    public void cut() {
        pipes.forEach(Pipe::close);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                Pipe p = new Pipe(client, upstream);
                pipes.add(p);
                p.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cut();
    }

    private final class Pipe {
        final Socket a;
        final Socket b;
        volatile boolean stalled;

        Pipe(Socket a, Socket b) {
            this.a = a;
            this.b = b;
        }

        void start() {
            pump(a, b);
            pump(b, a);
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[32 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        while (stalled) {
                            Thread.sleep(50); // hold the bytes: the connection hangs
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // reset or closed
                } finally {
                    if (!stalled) {
                        close();
                    }
                }
            }, "stalling-relay-pipe");
            t.setDaemon(true);
            t.start();
        }

        void close() {
            pipes.remove(this);
            try {
                a.setSoLinger(true, 0);
                a.close();
                b.close();
            } catch (IOException e) {
                // gone already
            }
        }
    }
}
