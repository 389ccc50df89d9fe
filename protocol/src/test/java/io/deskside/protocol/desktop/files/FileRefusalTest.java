package io.deskside.protocol.desktop.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.FileAck;
import io.deskside.protocol.desktop.DesktopMessage.FileCancel;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileRefuse;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.desktop.FileName;
import io.deskside.protocol.wire.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileRefusalTest {

    private final TransferHarness h = new TransferHarness(Message.Role.HOST);

    @Test
    void aRefusedOfferEndsTheSendersTransferWithNothingSent() throws Exception {
        h.autoAccept = false;
        FileId id = h.offer("a.bin", TestFiles.random(1000, 1));
        h.run();
        h.fromReceiver(h.receiver.refuse(id, FileRefuse.Cause.DECLINED));
        h.run();

        assertEquals(TransferState.REFUSED, h.sender.state(id));
        assertEquals(TransferState.REFUSED, h.receiver.state(id));
        assertTrue(h.sentBySender.stream().noneMatch(m -> m instanceof FileChunk));
        assertEquals(0.0, h.sender.progress(id).fraction());
    }

    @Test
    void aFifthOpenOfferIsRefusedAsBusyAndASixthIsTakenOnceOneEnds() throws Exception {
        h.autoAccept = false;
        List<FileId> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(h.offer("f" + i + ".bin", TestFiles.random(100, i)));
        }
        h.run();

        var refusal = (FileRefuse) h.sentByReceiver.get(0);
        assertEquals(ids.get(4), refusal.id());
        assertEquals(FileRefuse.Cause.BUSY, refusal.cause());
        assertEquals(TransferState.REFUSED, h.sender.state(ids.get(4)));
        for (int i = 0; i < 4; i++) {
            assertEquals(TransferState.OFFERED, h.sender.state(ids.get(i)));
        }

        h.fromReceiver(h.receiver.accept(ids.get(0)));
        h.run();
        h.autoAccept = true;
        FileId sixth = h.offer("f6.bin", TestFiles.random(100, 6));
        h.run();
        assertEquals(TransferState.DONE, h.sender.state(sixth));
    }

    @Test
    void theSameFileOfferedAgainWhileItIsComingIsRefusedAsBusy() throws Exception {
        // Both would write the one partial that lets a transfer resume.
        h.autoAccept = false;
        byte[] bytes = TestFiles.random(5000, 7);
        FileId first = h.offer("report.pdf", bytes);
        FileId again = h.offer("report (copy).pdf", bytes);
        h.run();

        var refusal = (FileRefuse) h.sentByReceiver.get(0);
        assertEquals(again, refusal.id());
        assertEquals(FileRefuse.Cause.BUSY, refusal.cause());
        assertEquals(TransferState.OFFERED, h.receiver.state(first));
        h.fromReceiver(h.receiver.accept(first));
        h.run();
        assertEquals(TransferState.DONE, h.sender.state(first));
        assertArrayEquals(bytes, TestFiles.read(h.receiverStore, h.receiver.storedAs(first)));
    }

    @Test
    void aFileReceivedWholeOutlivesALaterOfferOfTheSameBytesThatEndsUnfinished() throws Exception {
        byte[] bytes = TestFiles.random(5000, 8);
        FileId first = h.offer("a.bin", bytes);
        h.run();
        assertEquals(TransferState.DONE, h.receiver.state(first));
        h.fromReceiver(h.receiver.filesAllowed(false));
        h.run();
        FileId later = h.offer("b.bin", bytes);
        h.run();
        assertEquals(TransferState.REFUSED, h.receiver.state(later));

        // The Host leaves no footprint of unfinished transfers, but the finished file stays.
        h.receiver.sessionEnded(true);
        assertArrayEquals(bytes, TestFiles.read(h.receiverStore, h.receiver.storedAs(first)));
    }

    @Test
    void aPeerThatOffersWithoutEndCannotMakeTheReceiverRememberEveryOffer() throws Exception {
        h.autoAccept = false;
        List<FileId> ids = new ArrayList<>();
        for (int i = 0; i < FileReceiver.MAX_ENDED_KEPT + 20; i++) {
            FileId id = h.offer("f" + i + ".bin", TestFiles.random(10, 1000 + i));
            h.run();
            h.fromReceiver(h.receiver.refuse(id, FileRefuse.Cause.DECLINED));
            h.run();
            ids.add(id);
        }
        // The oldest are forgotten; the latest are still known.
        assertThrows(IllegalArgumentException.class, () -> h.receiver.state(ids.get(0)));
        assertEquals(TransferState.REFUSED, h.receiver.state(ids.get(ids.size() - 1)));
        assertEquals(TransferState.REFUSED, h.receiver.state(ids.get(ids.size() - FileReceiver.MAX_ENDED_KEPT)));
    }

    @Test
    void withdrawingFilesCancelsEveryTransferWithReasonFourAndKeepsThePartial() throws Exception {
        FileId id = h.offer("a.bin", TestFiles.random(1024 * 1024, 1));
        h.runUntil(() -> h.receiver.progress(id).acknowledged() >= 256 * 1024);
        // The Host withdraws and tells the Guest; both cancel, and the cancels cross.
        h.fromSender(h.sender.filesAllowed(false));
        h.fromReceiver(h.receiver.filesAllowed(false));
        h.run();

        assertEquals(TransferState.CANCELLED, h.sender.state(id));
        assertEquals(TransferState.CANCELLED, h.receiver.state(id));
        assertTrue(h.sentByReceiver.stream().anyMatch(m -> m instanceof FileCancel c && c.cause() == FileCancel.Cause.PERMISSION_WITHDRAWN));
        assertTrue(h.sentBySender.stream().anyMatch(m -> m instanceof FileCancel c && c.cause() == FileCancel.Cause.PERMISSION_WITHDRAWN));
        assertNotNull(TestFiles.read(h.receiverStore, h.receiver.storedAs(id)), "kept for a resume when FILES is granted again");
        assertThrows(IllegalStateException.class, () -> h.sender.offer("a.bin", new FileName("a.bin")));
    }

    @Test
    void anOfferWhileFilesIsWithdrawnIsRefusedAsNotPermitted() throws Exception {
        h.fromReceiver(h.receiver.filesAllowed(false));
        FileId id = h.offer("a.bin", TestFiles.random(10, 1));
        h.run();

        var refusal = (FileRefuse) h.sentByReceiver.get(0);
        assertEquals(FileRefuse.Cause.NOT_PERMITTED, refusal.cause());
        assertEquals(TransferState.REFUSED, h.sender.state(id));
    }

    @Test
    void aChunkAtTheWrongOffsetCancelsThatFileWithReasonFiveAndTheNextFileStillArrives() throws Exception {
        byte[] other = TestFiles.random(150_000, 2);
        FileId bad = h.offer("a.bin", TestFiles.random(1024 * 1024, 1));
        FileId good = h.offer("b.bin", other);
        h.runUntil(() -> h.receiver.progress(bad).acknowledged() >= 256 * 1024);
        long expected = h.chunksWaiting().get(0).offset();

        List<DesktopMessage> answer = h.deliverToReceiver(new FileChunk(bad, expected + 65_536, new byte[65_536]));
        assertEquals(1, answer.size());
        var cancel = (FileCancel) answer.get(0);
        assertEquals(bad, cancel.id());
        assertEquals(FileCancel.Cause.OUT_OF_ORDER, cancel.cause());
        h.run();

        assertEquals(TransferState.FAILED, h.receiver.state(bad));
        assertEquals(TransferState.CANCELLED, h.sender.state(bad));
        assertEquals(TransferState.DONE, h.sender.state(good));
        assertArrayEquals(other, TestFiles.read(h.receiverStore, h.receiver.storedAs(good)));
    }

    @Test
    void aChunkForAnIdNeverOfferedIsAProtocolError() {
        var e = assertThrows(DesktopProtocolException.class,
                () -> h.deliverToReceiver(new FileChunk(new FileId(Message.Role.HOST, 99), 0, new byte[1])));
        assertEquals(DesktopProtocolException.Reason.BAD_STATE, e.reason());
    }

    @Test
    void aChunkPastTheOfferedSizeIsAProtocolError() throws Exception {
        FileId id = h.offer("a.bin", TestFiles.random(10, 1));
        h.chunksInFlight = 0;
        h.run();
        var e = assertThrows(DesktopProtocolException.class, () -> h.deliverToReceiver(new FileChunk(id, 0, new byte[11])));
        assertEquals(DesktopProtocolException.Reason.OUT_OF_RANGE, e.reason());
    }

    @Test
    void anAckPastWhatWasSentIsAProtocolError() throws Exception {
        FileId id = h.offer("a.bin", TestFiles.random(1024 * 1024, 1));
        h.chunksInFlight = 0;
        h.run();
        assertEquals(TransferState.SENDING, h.sender.state(id));
        var e = assertThrows(DesktopProtocolException.class, () -> h.sender.receive(new FileAck(id, 1)));
        assertEquals(DesktopProtocolException.Reason.BAD_STATE, e.reason());
        assertFalse(h.sender.progress(id).fraction() > 0);
    }

    @Test
    void aStoreThatFailsToReadCancelsWithReasonThree() throws Exception {
        var store = new MemoryFileStore();
        var hh = new TransferHarness(Message.Role.GUEST, store, new MemoryFileStore());
        FileId id = hh.offer("a.bin", TestFiles.random(200_000, 1));
        hh.chunksInFlight = 0;
        hh.run();
        store.failReads(true);
        hh.chunksInFlight = 8;
        hh.run();

        assertEquals(TransferState.FAILED, hh.sender.state(id));
        assertEquals(TransferState.CANCELLED, hh.receiver.state(id));
        assertTrue(hh.sentBySender.stream().anyMatch(m -> m instanceof FileCancel c && c.cause() == FileCancel.Cause.READ_WRITE_FAILED));
    }
}
