package io.deskside.protocol.client;

import io.deskside.protocol.client.GatewayTunnel.Mode;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One transport carrying a tunnel, for as long as it lasts. {@link #start} connects and says
 * hello; the gateway's answer (a WELCOME, or why not) comes in through the {@link CarrierOwner}
 * and ends the wait of {@link #awaitAnswer}. From {@link #upFrom} on, it sends what the owner
 * has pending whenever it is told to {@link #push}, and hands on what comes down, until
 * {@link #stop}. When it breaks it tells its owner, which decides what comes next: a carrier
 * never reconnects by itself.
 */
abstract sealed class Carrier permits WebSocketCarrier, HttpCarrier {

    private final Mode mode;
    private final CountDownLatch answered = new CountDownLatch(1);
    private volatile DisconnectReason refused;
    private volatile String refusedDetail = "";
    private final AtomicLong written = new AtomicLong(-1);

    Carrier(Mode mode) {
        this.mode = mode;
    }

    final Mode mode() {
        return mode;
    }

    /** Whether the hello still waits for an answer (and the transport has not ended before one came). */
    final boolean opening() {
        return answered.getCount() > 0;
    }

    /** The hello got its answer, or none will come: whoever waits in {@link #awaitAnswer} goes on. */
    final void answered() {
        answered.countDown();
    }

    /** Waits for the answer to the hello; false if none came in time. */
    final boolean awaitAnswer(Duration wait) throws InterruptedException {
        return answered.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The gateway will not have this tunnel (or broke the protocol in its welcome): nothing to retry. */
    final void refuse(DisconnectReason reason, String detail) {
        refused = reason;
        refusedDetail = detail;
    }

    /** Why the gateway refused the tunnel, or null. */
    final DisconnectReason refused() {
        return refused;
    }

    final String refusedDetail() {
        return refusedDetail;
    }

    /** Whether the gateway welcomed this transport. */
    final boolean welcomedOk() {
        return !opening() && refused == null;
    }

    /**
     * How many counted frames this transport has passed on: the rest still wait in the tunnel,
     * where what is sent next can be held back. A WebSocket counts a frame once its send is done
     * (not when it is queued behind the others); an HTTP transport when a POST takes it, since
     * the next POST waits for that one. -1 before the first.
     */
    final long written() {
        return written.get();
    }

    /** Counted frames up to {@code count} are passed on (a report that comes late never goes back); the owner hears of it. */
    final void wrote(long count, CarrierOwner owner) {
        written.accumulateAndGet(count, Math::max);
        owner.wrote(this);
    }

    /** The gateway lacks frames from {@code count} on (an HTTP hole): they wait to be written again. */
    final void rewound(long count) {
        written.set(count);
    }

    /** Connects and says hello; frames arrive through {@link CarrierOwner#arrived}. */
    abstract void start(Message.Hello hello) throws IOException;

    /** The gateway has our frames up to {@code count}: go on from there. */
    abstract void upFrom(long count);

    /** Frames wait to go up. */
    abstract void push();

    /** Waits a little for what is being sent to go. */
    void drain(Duration wait) {
    }

    /** Ends this transport: at once ({@code abort}), or with a goodbye where the transport has one. */
    abstract void stop(boolean abort);
}
