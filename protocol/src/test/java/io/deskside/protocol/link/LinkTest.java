package io.deskside.protocol.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkTest {

    static byte[] data(int i) {
        return new Message.Data(1, new byte[] {(byte) i, 0, 0}).toFrame().encode();
    }

    @Test
    void onlySessionFramesAreCounted() {
        assertFalse(Link.sequenced(new Message.Ping(1).toFrame().encode()));
        assertFalse(Link.sequenced(new Message.Ack(3).toFrame().encode()));
        assertFalse(Link.sequenced(new Message.Welcome("t", 1).toFrame().encode()));
        assertTrue(Link.sequenced(data(1)));
        assertTrue(Link.sequenced(new Message.Disconnect(DisconnectReason.HOTKEY, "").toFrame().encode()));
    }

    @Test
    void aNewTransportResumesExactlyWhereThePeerStopped() throws ProtocolException {
        Link link = new Link();
        for (int i = 0; i < 100; i++) {
            assertTrue(link.keep(data(i)));
        }
        link.acked(40);
        List<byte[]> resend = link.from(57, Long.MAX_VALUE);
        assertEquals(43, resend.size());
        assertArrayEquals(data(57), resend.get(0));
        assertArrayEquals(data(99), resend.get(42));
        assertThrows(ProtocolException.class, () -> link.from(39, 1), "forgotten once acknowledged");
        assertThrows(ProtocolException.class, () -> link.from(101, 1), "never sent");
        assertThrows(ProtocolException.class, () -> link.acked(101), "cannot acknowledge what was not sent");
        link.acked(10); // stale: ignored
        assertEquals(60L * data(0).length, link.unackedBytes());
    }

    @Test
    void whatWaitsForAnAcknowledgementIsBounded() throws ProtocolException {
        Link link = new Link(10 * data(0).length);
        for (int i = 0; i < 10; i++) {
            assertTrue(link.keep(data(i)));
        }
        assertFalse(link.keep(data(10)), "a peer that stops acknowledging is not buffered for ever");
        link.acked(5);
        assertTrue(link.keep(data(10)));
        assertEquals(11, link.sent());
    }

    @Test
    void duplicatesAreSkippedAndHolesRefused() throws ProtocolException {
        Link link = new Link();
        for (int i = 0; i < 5; i++) {
            link.arrived(10);
        }
        assertEquals(2, link.duplicatesIn(3), "a retried request's first two frames arrived already");
        assertEquals(0, link.duplicatesIn(5));
        assertThrows(ProtocolException.class, () -> link.duplicatesIn(6), "frame 5 is missing");
    }

    @Test
    void acknowledgementsComeEveryFewFramesOrBytes() {
        Link link = new Link();
        boolean due = false;
        int frames = 0;
        while (!due) {
            due = link.arrived(100);
            frames++;
        }
        assertEquals(Link.ACK_EVERY_FRAMES, frames);
        assertEquals(Link.ACK_EVERY_FRAMES, link.acknowledge());
        assertFalse(link.ackPending());
        assertTrue(link.arrived(Link.ACK_EVERY_BYTES), "one big frame is enough");
    }

    @Test
    void theBytesFromAFrameOnAreWhatATransportThereStillHasToWrite() throws ProtocolException {
        Link link = new Link();
        long total = 0;
        for (int i = 0; i < 100; i++) { // past the first ring's size, so it grows
            byte[] f = new Message.Data(1, new byte[i]).toFrame().encode();
            total += f.length;
            assertTrue(link.keep(f));
        }
        assertEquals(total, link.bytesFrom(0));
        assertEquals(total, link.bytesFrom(-1), "before the first: everything kept");
        assertEquals(0, link.bytesFrom(100));
        assertEquals(8 + 99, link.bytesFrom(99));
        link.acked(60);
        long rest = 0;
        for (int i = 60; i < 100; i++) {
            rest += 8 + i;
        }
        assertEquals(rest, link.bytesFrom(10), "what the peer has is not written again");
        assertEquals(rest, link.bytesFrom(60));
        assertEquals(rest - 60 - 8, link.bytesFrom(61));
    }
}
