package io.deskside.edge.tunnel;

import io.deskside.edge.port.CarriedTunnel;
import io.deskside.edge.port.Transport;

import io.deskside.protocol.wire.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A transport that pushes frames as they come (WebSocket, HTTP stream): one asynchronous
 * write at a time, its own frames first, then the tunnel's sequenced frames from its position
 * on, batched. No thread waits on a slow peer; what waits for it is what the tunnel keeps.
 */
public abstract class PushTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(PushTransport.class.getName());
    static final int BATCH_BYTES = 256 * 1024;
    /** Pongs and acknowledgements for a peer that does not read them: a few, then it is cut off. */
    public static final int MAX_CONTROL_BYTES = 64 * 1024;

    private final ArrayDeque<byte[]> controls = new ArrayDeque<>();
    private int controlBytes;
    private CarriedTunnel tunnel;
    private long cursor;
    private boolean writing;
    private String closing;
    private boolean done;

    @Override
    public synchronized void start(CarriedTunnel tunnel, long cursor) {
        this.tunnel = tunnel;
        this.cursor = cursor;
    }

    @Override
    public void control(byte[] frame) {
        synchronized (this) {
            if (closing != null || done) {
                return;
            }
            if (controlBytes + frame.length > MAX_CONTROL_BYTES) {
                closing = "too far behind";
                controls.clear();
            } else {
                controls.add(frame);
                controlBytes += frame.length;
            }
        }
        pump();
    }

    @Override
    public void wake() {
        pump();
    }

    @Override
    public void close(String reason) {
        synchronized (this) {
            if (closing == null) {
                closing = reason;
            }
        }
        pump();
    }

    /** The tunnel this transport carries, once started. */
    protected synchronized CarriedTunnel tunnel() {
        return tunnel;
    }

    /** Writes the bytes asynchronously and calls back with whether they went. */
    protected abstract void write(byte[] bytes, Consumer<Boolean> written);

    /** Ends the underlying connection now. */
    protected abstract void end(String reason);

    private void pump() {
        byte[] out;
        String endWith = null;
        synchronized (this) {
            if (writing || done) {
                return;
            }
            out = next();
            if (out == null) {
                if (closing == null) {
                    return;
                }
                done = true;
                endWith = closing;
            } else {
                writing = true;
            }
        }
        if (endWith != null) {
            end(endWith);
            return;
        }
        write(out, ok -> {
            synchronized (this) {
                writing = false;
                if (!ok) {
                    done = true;
                }
            }
            if (ok) {
                pump();
            } else {
                failed();
            }
        });
    }

    /** What to write next: this transport's own frames, then the tunnel's; null when nothing waits. */
    private byte[] next() {
        if (!controls.isEmpty()) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            byte[] c;
            while ((c = controls.poll()) != null) {
                batch.writeBytes(c);
            }
            controlBytes = 0;
            return batch.toByteArray();
        }
        if (tunnel == null || (closing != null && "too far behind".equals(closing))) {
            return null;
        }
        List<byte[]> frames;
        try {
            cursor = tunnel.firstFrom(cursor);
            frames = tunnel.framesFrom(cursor, BATCH_BYTES);
        } catch (ProtocolException e) {
            LOG.warning(() -> "A transport lost its place in its tunnel: " + e.getMessage());
            closing = "lost its place";
            return null;
        }
        if (frames.isEmpty()) {
            return null;
        }
        cursor += frames.size();
        if (frames.size() == 1) {
            return frames.get(0);
        }
        int size = 0;
        for (byte[] f : frames) {
            size += f.length;
        }
        byte[] batch = new byte[size];
        int at = 0;
        for (byte[] f : frames) {
            System.arraycopy(f, 0, batch, at, f.length);
            at += f.length;
        }
        return batch;
    }

    /** A write failed: the connection is gone; the tunnel waits for the peer to come back. */
    private void failed() {
        CarriedTunnel t;
        synchronized (this) {
            t = tunnel;
        }
        if (t != null) {
            t.detach(this);
        }
        end("write failed");
    }
}
