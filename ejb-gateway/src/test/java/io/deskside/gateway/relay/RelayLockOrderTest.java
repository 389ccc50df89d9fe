package io.deskside.gateway.relay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.gateway.queue.HelpQueue;
import io.deskside.gateway.queue.QueueEntry;
import io.deskside.gateway.security.Actor;
import io.deskside.persistence.queue.EndReason;
import io.deskside.persistence.queue.RequestState;
import io.deskside.persistence.technician.Role;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Host ending its session while the technician's Guest is joining it must not deadlock. The
 * two connections are driven on two threads and forced into the one interleaving where each
 * holds its own lock: the Guest is inside its hello (its sink is slow to take the Host's early
 * key-exchange message), while the Host says goodbye. The help queue is replaced by a recording
 * stand-in: the point here is thread interplay, which the deployed tests cannot force.
 */
class RelayLockOrderTest {

    static final long REQUEST = 41;

    /** The queue calls the relay makes, answered without a database. */
    static final class RecordingQueue extends HelpQueue {
        volatile EndReason ended;

        @Override
        public QueueEntry askForService(String serviceName, String customerName, String message, String source) {
            return entry(REQUEST);
        }

        @Override
        public QueueEntry entry(long requestId) {
            return new QueueEntry(requestId, RequestState.CONFIRMING, "ann", null, 1L, "Printers", null, null, null,
                    Instant.now(), "bob", "Bob", "203.0.113.5", null, null);
        }

        @Override
        public void confirming(long requestId) {
        }

        @Override
        public void confirmed(long requestId) {
        }

        @Override
        public void traffic(long requestId, long toHost, long toGuest) {
        }

        @Override
        public void end(long requestId, EndReason reason, String actor) {
            ended = reason;
        }
    }

    /** A sink that, once armed, holds its n-th send until released. */
    static final class SlowSink implements ConnectionSink {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile int holdSend;
        private int sends;

        @Override
        public void send(byte[] frames) {
            if (holdSend > 0 && ++sends == holdSend) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close(String reason) {
        }
    }

    @Test
    void theHostEndingWhileTheGuestJoinsDeadlocksNothing() throws Exception {
        RecordingQueue queue = new RecordingQueue();
        SessionDirectory directory = new SessionDirectory();
        directory.queue = queue;
        SlowSink hostSink = new SlowSink();
        SlowSink guestSink = new SlowSink();

        HostConnection host = directory.connectHost(hostSink, "192.0.2.1");
        host.handle(new Message.HelpRequest(false, "Printers", "ann", ""));
        host.claimed(queue.entry(REQUEST));
        host.handle(new Message.ConfirmAnswer(true));
        // Said before any Guest is there: the relay keeps it for the Guest.
        host.handle(new Message.KeyExchange(1, new byte[] {1}));

        GuestConnection guest = directory.openGuest(guestSink,
                new Actor(7, "bob", "Bob", Set.of(Role.technician)), REQUEST);
        // The Guest's tunnel opens: once the Guest is registered, the Host's early key-exchange
        // message is its first send, which is held.
        guestSink.holdSend = 1;
        Thread joining = new Thread(guest::opened);
        joining.start();
        assertTrue(guestSink.entered.await(10, TimeUnit.SECONDS), "the Guest is inside its hello, holding its lock");

        Thread ending = new Thread(() -> {
            try {
                host.handle(new Message.Disconnect(DisconnectReason.HOST_ENDED, "bye"));
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        });
        ending.start();
        Thread.sleep(200); // let the Host reach the Guest while the Guest still holds its lock
        guestSink.release.countDown();

        joining.join(5000);
        ending.join(5000);
        assertTrue(!joining.isAlive() && !ending.isAlive(), "both threads finished: no deadlock");
        assertTrue(queue.ended == EndReason.HOST_ENDED, "the session ended as the Host said: " + queue.ended);
    }
}
