package io.deskside.protocol.desktop.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage.FileCancel;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.wire.Message;
import org.junit.jupiter.api.Test;

class FileCancelTest {

    private final TransferHarness h = new TransferHarness(Message.Role.GUEST);

    @Test
    void theSenderCancelsAnOfferBeforeTheUserAnswersAndALateAcceptIsNothing() throws Exception {
        h.autoAccept = false;
        FileId id = h.offer("a.bin", TestFiles.random(1000, 1));
        h.run();
        h.fromSender(h.sender.cancel(id));
        h.run();

        assertEquals(TransferState.CANCELLED, h.sender.state(id));
        assertEquals(TransferState.CANCELLED, h.receiver.state(id));
        assertTrue(h.receiver.accept(id).isEmpty());
    }

    @Test
    void theReceiverCancelsAnOfferAndTheSenderStops() throws Exception {
        h.autoAccept = false;
        FileId id = h.offer("a.bin", TestFiles.random(1000, 1));
        h.run();
        h.fromReceiver(h.receiver.cancel(id));
        h.run();

        assertEquals(TransferState.CANCELLED, h.sender.state(id));
        assertEquals(TransferState.CANCELLED, h.receiver.state(id));
        assertFalse(h.sender.hasChunksToSend());
    }

    @Test
    void theSenderCancelsWhileSendingAndTheChunksInFlightAreIgnored() throws Exception {
        FileId id = h.offer("a.bin", TestFiles.random(1024 * 1024, 1));
        h.runUntil(() -> h.receiver.progress(id).acknowledged() >= 256 * 1024);
        assertEquals(TransferState.SENDING, h.sender.state(id));
        assertFalse(h.chunksWaiting().isEmpty());
        h.fromSender(h.sender.cancel(id));
        int answered = h.sentByReceiver.size();
        h.run();

        assertEquals(TransferState.CANCELLED, h.receiver.state(id));
        assertEquals(TransferState.CANCELLED, h.sender.state(id));
        assertEquals(answered, h.sentByReceiver.size(), "late chunks get no answer");
        assertNull(TestFiles.read(h.receiverStore, h.receiver.storedAs(id)), "a user's cancel deletes the partial");
    }

    @Test
    void theReceiverCancelsWhileSendingAndNoMoreChunksAreSent() throws Exception {
        FileId id = h.offer("a.bin", TestFiles.random(1024 * 1024, 1));
        h.runUntil(() -> h.receiver.progress(id).acknowledged() >= 256 * 1024);
        assertFalse(h.chunksWaiting().isEmpty());
        h.fromReceiver(h.receiver.cancel(id));
        h.run();

        assertEquals(TransferState.CANCELLED, h.sender.state(id));
        assertFalse(h.sender.hasChunksToSend());
        long lastOffset = h.sentBySender.stream().filter(m -> m instanceof FileChunk).mapToLong(m -> ((FileChunk) m).offset()).max().orElseThrow();
        assertTrue(lastOffset < 1024 * 1024 - 65_536, "the sender stopped before the end");
    }

    @Test
    void theSenderCancelsWhileAwaitingDoneAndTheLastChunksAreIgnored() throws Exception {
        FileId id = h.offer("a.bin", TestFiles.random(200_000, 1));
        h.runUntil(() -> h.sender.state(id) == TransferState.AWAIT_DONE);
        assertFalse(h.chunksWaiting().isEmpty());
        h.fromSender(h.sender.cancel(id));
        h.run();

        assertEquals(TransferState.CANCELLED, h.sender.state(id));
        assertEquals(TransferState.CANCELLED, h.receiver.state(id));
    }

    @Test
    void theReceiverCancelsWhileTheSenderAwaitsDone() throws Exception {
        FileId id = h.offer("a.bin", TestFiles.random(200_000, 1));
        h.runUntil(() -> h.sender.state(id) == TransferState.AWAIT_DONE);
        h.fromReceiver(h.receiver.cancel(id));
        h.run();

        assertEquals(TransferState.CANCELLED, h.sender.state(id));
        assertEquals(TransferState.CANCELLED, h.receiver.state(id));
    }

    @Test
    void aDoneThatCrossesTheSendersCancelIsIgnoredOnBothSides() throws Exception {
        FileId id = h.offer("a.bin", TestFiles.random(200_000, 1));
        h.runUntil(() -> h.sender.state(id) == TransferState.AWAIT_DONE);
        while (!h.filesToReceiver.isEmpty()) {
            h.deliverToReceiver(h.filesToReceiver.poll());
        }
        assertEquals(TransferState.DONE, h.receiver.state(id));
        h.fromSender(h.sender.cancel(id));
        h.run();

        assertEquals(TransferState.CANCELLED, h.sender.state(id));
        assertEquals(TransferState.DONE, h.receiver.state(id));
    }

    @Test
    void aChunkForATransferCancelledMoreThan30SecondsAgoIsAProtocolError() throws Exception {
        FileId id = h.offer("a.bin", TestFiles.random(1024 * 1024, 1));
        h.runUntil(() -> h.receiver.progress(id).acknowledged() >= 256 * 1024);
        h.fromReceiver(h.receiver.cancel(id));
        FileChunk late = h.chunksWaiting().get(0);
        h.nanos += 29_000_000_000L;
        assertTrue(h.deliverToReceiver(late).isEmpty());
        h.nanos += 2_000_000_000L;
        var e = assertThrows(DesktopProtocolException.class, () -> h.deliverToReceiver(h.chunksWaiting().get(1)));
        assertEquals(DesktopProtocolException.Reason.BAD_STATE, e.reason());
    }

    @Test
    void cancellingAnEndedTransferSendsNothing() throws Exception {
        FileId id = h.offer("a.bin", TestFiles.random(10, 1));
        h.run();
        assertTrue(h.sender.cancel(id).isEmpty());
        assertTrue(h.receiver.cancel(id).isEmpty());
        assertTrue(h.sentBySender.stream().noneMatch(m -> m instanceof FileCancel));
    }
}
