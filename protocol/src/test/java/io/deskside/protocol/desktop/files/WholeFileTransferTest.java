package io.deskside.protocol.desktop.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.FileAck;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileDone;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.wire.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WholeFileTransferTest {

    static Stream<Arguments> sidesAndSizes() {
        List<Arguments> all = new ArrayList<>();
        for (Message.Role side : Message.Role.values()) {
            for (int size : new int[] {0, 1, 65_536, 65_537, 5 * 1024 * 1024}) {
                all.add(Arguments.of(side, size));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "from the {0}, {1} bytes")
    @MethodSource("sidesAndSizes")
    void aWholeFileArrivesIntactAndBothSidesSayDone(Message.Role side, int size) throws Exception {
        var h = new TransferHarness(side);
        byte[] file = TestFiles.random(size, size);
        FileId id = h.offer("report.pdf", file);
        h.run();

        assertEquals(TransferState.DONE, h.sender.state(id));
        assertEquals(TransferState.DONE, h.receiver.state(id));
        assertArrayEquals(file, TestFiles.read(h.receiverStore, h.receiver.storedAs(id)));
        assertEquals(1.0, h.sender.progress(id).fraction());
        assertEquals(new Progress(size, size), h.receiver.progress(id));
        assertTrue(h.sentByReceiver.get(h.sentByReceiver.size() - 1) instanceof FileDone);
    }

    @Test
    void chunksAre64KiBAtConsecutiveOffsetsAndAcksComeEvery256KiBAndAtTheEnd() throws Exception {
        var h = new TransferHarness(Message.Role.GUEST);
        int size = 1024 * 1024 + 10;
        FileId id = h.offer("big.bin", TestFiles.random(size, 7));
        h.run();

        long expected = 0;
        for (DesktopMessage m : h.sentBySender) {
            if (m instanceof FileChunk c) {
                assertEquals(expected, c.offset());
                assertTrue(c.data().length == 65_536 || c.offset() + c.data().length == size);
                expected += c.data().length;
            }
        }
        assertEquals(size, expected);
        List<Long> acks = h.sentByReceiver.stream().filter(m -> m instanceof FileAck)
                .map(m -> ((FileAck) m).offset()).toList();
        assertEquals(List.of(262_144L, 524_288L, 786_432L, 1_048_576L, (long) size), acks);
        assertEquals(TransferState.DONE, h.sender.state(id));
    }

    @Test
    void progressIsReadableMidTransferAndOnlyGrows() throws Exception {
        var h = new TransferHarness(Message.Role.HOST);
        int size = 2 * 1024 * 1024;
        FileId id = h.offer("movie.mp4", TestFiles.random(size, 3));
        double last = 0;
        boolean sawMiddle = false;
        while (h.step()) {
            double now = h.sender.progress(id).fraction();
            assertTrue(now >= last);
            sawMiddle |= now > 0 && now < 1;
            last = now;
        }
        assertTrue(sawMiddle);
        assertEquals(1.0, last);
    }

    @Test
    void aReceiverTickAcksProgressAfter500Milliseconds() throws Exception {
        var h = new TransferHarness(Message.Role.HOST);
        FileId id = h.offer("a.bin", TestFiles.random(300_000, 1));
        h.runUntil(() -> !h.filesToReceiver.isEmpty());
        h.deliverToReceiver(h.filesToReceiver.poll());
        assertEquals(0, h.receiver.progress(id).acknowledged());
        assertTrue(h.receiver.tick().isEmpty(), "no ack before 500 ms");
        h.nanos += 500_000_000L;
        List<DesktopMessage> acks = h.receiver.tick();
        assertEquals(1, acks.size());
        assertEquals(65_536, ((FileAck) acks.get(0)).offset());
        assertEquals(65_536, h.receiver.progress(id).acknowledged());
    }

    @Test
    void twoAcceptedFilesAreSentOneAfterTheOther() throws Exception {
        var h = new TransferHarness(Message.Role.GUEST);
        byte[] a = TestFiles.random(200_000, 1);
        byte[] b = TestFiles.random(100_000, 2);
        FileId first = h.offer("a.bin", a);
        FileId second = h.offer("b.bin", b);
        h.run();

        assertArrayEquals(a, TestFiles.read(h.receiverStore, h.receiver.storedAs(first)));
        assertArrayEquals(b, TestFiles.read(h.receiverStore, h.receiver.storedAs(second)));
        boolean secondStarted = false;
        for (DesktopMessage m : h.sentBySender) {
            if (m instanceof FileChunk c) {
                secondStarted |= c.id().equals(second);
                assertTrue(!secondStarted || c.id().equals(second), "no chunk of the first after the second began");
            }
        }
    }
}
