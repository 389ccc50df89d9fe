package io.deskside.host;

import io.deskside.protocol.client.SealedStreams;
import io.deskside.protocol.wire.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * One direction of an in-memory gateway for the Host's session tests: what one side sends, the
 * other side gets, in order, as the gateway relays it. What is sent before the far side is
 * connected waits.
 */
public final class TestRelay implements SealedStreams.Tunnel {
    private Consumer<Message.Data> data;
    private Consumer<Message.Credit> credit;
    private final Deque<Message> before = new ArrayDeque<>();

    @Override
    public synchronized void send(Message m) {
        if (data == null) {
            before.add(m);
        } else {
            deliver(m);
        }
    }

    public synchronized void connect(Consumer<Message.Data> d, Consumer<Message.Credit> c) {
        data = d;
        credit = c;
        while (!before.isEmpty()) {
            deliver(before.poll());
        }
    }

    private void deliver(Message m) {
        if (m instanceof Message.Data d) {
            data.accept(d);
        } else if (m instanceof Message.Credit c) {
            credit.accept(c);
        }
    }

    @Override
    public long unsentBytes() {
        return 0;
    }

    @Override
    public void whenWritten(Runnable hook) {
    }
}
