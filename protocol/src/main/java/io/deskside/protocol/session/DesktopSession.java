package io.deskside.protocol.session;

import io.deskside.protocol.client.CreditWindow;
import io.deskside.protocol.client.SealedStreams;
import io.deskside.protocol.crypto.SealedChannel;
import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One side's desktop stream once the keys are agreed, the same for the Host and the Guest. What
 * it sends is sealed as it leaves ({@link SealedStreams}: priorities, credit, little ahead of a
 * key press). What arrives is counted against the credit this side granted, opened in arrival
 * order, decoded, and handed to its stream's handler on that stream's own thread, so drawing a
 * screen update never delays a key press or a chat line; once the handler returns, the record
 * is consumed and the credit granted again ({@link CreditWindow}). A record beyond the credit,
 * one that does not open or decode, or a handler that refuses what it got ends the session: the
 * failure handler hears of it once, and nothing more is delivered.
 *
 * <p>The owner reads its tunnel and passes on each {@code DATA} ({@link #arrived}) and
 * {@code CREDIT} ({@link #credit}) in order; everything else on the tunnel stays the owner's.
 */
public final class DesktopSession implements AutoCloseable {

    /** What the records of one stream go to, on that stream's own thread, one at a time. */
    public interface Handler {
        void handle(DesktopMessage message) throws DesktopProtocolException;
    }

    private final Message.Role peer;
    private final SealedChannel channel;
    private final SealedStreams.Tunnel tunnel;
    private final SealedStreams out;
    private final Map<DesktopStream, CreditWindow> windows = new EnumMap<>(DesktopStream.class);
    private final Map<DesktopStream, ExecutorService> threads = new EnumMap<>(DesktopStream.class);
    private final Map<DesktopStream, Handler> handlers;
    private final Consumer<Exception> failed;
    private final AtomicBoolean over = new AtomicBoolean();

    /**
     * @param side     the side this is: it receives on the streams whose window it grants
     *                 ({@link DesktopStream#receiveWindowBytes})
     * @param channel  the side's one channel from the session's keys
     * @param handlers a handler for each stream this side receives on (a stream without one has
     *                 its records consumed unread)
     * @param failed   told once, on any thread, when the peer broke the protocol
     */
    public DesktopSession(Message.Role side, SealedChannel channel, SealedStreams.Tunnel tunnel,
            Map<DesktopStream, Handler> handlers, Consumer<Exception> failed) {
        Objects.requireNonNull(side, "side");
        this.peer = side == Message.Role.HOST ? Message.Role.GUEST : Message.Role.HOST;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.tunnel = Objects.requireNonNull(tunnel, "tunnel");
        this.handlers = Map.copyOf(handlers);
        this.failed = Objects.requireNonNull(failed, "failed");
        this.out = new SealedStreams(channel, tunnel);
        for (DesktopStream s : DesktopStream.values()) {
            int window = s.receiveWindowBytes(side);
            if (window > 0) {
                windows.put(s, new CreditWindow(window));
                threads.put(s, Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "deskside-" + side.name().toLowerCase(java.util.Locale.ROOT) + "-"
                            + s.name().toLowerCase(java.util.Locale.ROOT));
                    t.setDaemon(true);
                    return t;
                }));
            }
        }
    }

    /** Grants this side's window on every stream it receives on. Once, right after the key exchange. */
    public void start() {
        for (Map.Entry<DesktopStream, CreditWindow> w : windows.entrySet()) {
            tunnel.send(new Message.Credit(w.getKey().code(), w.getValue().initialGrant()));
        }
    }

    /** A {@code DATA} frame, in the order the tunnel delivered it, on the thread that reads the tunnel. */
    public void arrived(Message.Data data) {
        if (over.get()) {
            return;
        }
        try {
            DesktopStream stream = DesktopStream.of(data.stream());
            CreditWindow window = windows.get(stream);
            if (window == null) {
                throw new DesktopProtocolException(DesktopProtocolException.Reason.WRONG_STREAM,
                        "a record on stream " + data.stream() + ", which this side never granted");
            }
            int bytes = data.sealed().length;
            window.received(bytes);
            byte[] plaintext = channel.open(data.stream(), data.sealed());
            DesktopMessage message = DesktopMessage.decode(stream, peer, plaintext);
            threads.get(stream).execute(() -> deliver(stream, message, bytes));
        } catch (ProtocolException | DesktopProtocolException e) {
            fail(e);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // Closed while this record was on its way in: nothing more is delivered, as promised.
        }
    }

    private void deliver(DesktopStream stream, DesktopMessage message, int bytes) {
        if (over.get()) {
            return;
        }
        try {
            Handler handler = handlers.get(stream);
            if (handler != null) {
                handler.handle(message);
            }
            int grant = windows.get(stream).consumed(bytes);
            if (grant > 0 && !over.get()) {
                tunnel.send(new Message.Credit(stream.code(), grant));
            }
        } catch (DesktopProtocolException | RuntimeException e) {
            fail(e);
        }
    }

    /** A {@code CREDIT} the peer granted. */
    public void credit(Message.Credit credit) {
        out.credit(credit.stream(), credit.bytes());
    }

    /** Queues a message on its stream, never waiting; false when that stream's queue is full or the session is over. */
    public boolean send(DesktopMessage message) {
        return !over.get() && out.offer(message.type().stream().code(), message.encode());
    }

    /** Queues a message, waiting up to {@code wait} for room: how a sender is paced by the link. Never on the tunnel's thread. */
    public boolean send(DesktopMessage message, Duration wait) throws InterruptedException {
        return !over.get() && out.offer(message.type().stream().code(), message.encode(), wait);
    }

    /** Plaintext bytes waiting to be sent on {@code stream}. */
    public long queuedBytes(DesktopStream stream) {
        return out.queuedBytes(stream.code());
    }

    public boolean isOver() {
        return over.get();
    }

    private void fail(Exception e) {
        if (over.compareAndSet(false, true)) {
            stop();
            failed.accept(e);
        }
    }

    private void stop() {
        out.close();
        for (ExecutorService t : threads.values()) {
            t.shutdownNow();
        }
    }

    /** Ends it: nothing more is sent or delivered. */
    @Override
    public void close() {
        if (over.compareAndSet(false, true)) {
            stop();
        }
    }
}
