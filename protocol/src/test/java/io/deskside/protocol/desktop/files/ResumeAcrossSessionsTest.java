package io.deskside.protocol.desktop.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.FileAccept;
import io.deskside.protocol.desktop.DesktopMessage.FileCancel;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileResume;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.wire.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeAcrossSessionsTest {

    private static final int SIZE = 5 * 1024 * 1024;

    @Test
    void aLostSessionResumesFromThePartialAndTheBytesAndDigestMatch() throws Exception {
        var h = new TransferHarness(Message.Role.HOST);
        byte[] file = TestFiles.random(SIZE, 11);
        FileId first = h.offer("backup.zip", file);
        h.runUntil(() -> h.receiver.progress(first).acknowledged() >= 2 * 1024 * 1024);
        long ackedBeforeLoss = h.receiver.progress(first).acknowledged();
        assertFalse(h.chunksWaiting().isEmpty(), "chunks were in flight when the session was lost");
        h.loseSession();

        h.newSession();
        int before = h.sentByReceiver.size();
        int sentBefore = h.sentBySender.size();
        FileId second = h.offer("backup.zip", file);
        h.run();

        List<DesktopMessage> answers = h.sentByReceiver.subList(before, h.sentByReceiver.size());
        var resume = (FileResume) answers.get(0);
        assertEquals(second, resume.id());
        assertTrue(resume.from() >= ackedBeforeLoss && resume.from() < SIZE);
        assertTrue(answers.stream().noneMatch(m -> m instanceof FileAccept), "no question to the user");
        var firstChunkAfter = h.sentBySender.subList(sentBefore, h.sentBySender.size()).stream().filter(m -> m instanceof FileChunk c && c.id().equals(second))
                .map(m -> (FileChunk) m).findFirst().orElseThrow();
        assertEquals(resume.from(), firstChunkAfter.offset());
        assertEquals(TransferState.DONE, h.receiver.state(second));
        assertEquals(TransferState.DONE, h.sender.state(second));
        assertArrayEquals(file, TestFiles.read(h.receiverStore, h.receiver.storedAs(second)));
    }

    @Test
    void aCorruptedPartialFailsItsHashIsDeletedAndTheNextOfferStartsFromZero() throws Exception {
        var h = new TransferHarness(Message.Role.HOST);
        byte[] file = TestFiles.random(300_000, 5);
        String partial = FileReceiver.partialName(TestFiles.sha256(file), file.length);
        byte[] corrupted = java.util.Arrays.copyOf(file, 100_000);
        corrupted[4242] ^= 1;
        TestFiles.put(h.receiverStore, partial, corrupted);

        FileId first = h.offer("photo.raw", file);
        h.run();
        assertEquals(100_000L, ((FileResume) h.sentByReceiver.get(0)).from());
        assertTrue(h.sentByReceiver.stream().anyMatch(m -> m instanceof FileCancel c
                && c.cause() == FileCancel.Cause.HASH_MISMATCH));
        assertEquals(TransferState.FAILED, h.sender.state(first));
        assertEquals(TransferState.FAILED, h.receiver.state(first));
        assertNull(TestFiles.read(h.receiverStore, partial), "the bad partial is deleted");

        int before = h.sentByReceiver.size();
        FileId second = h.offer("photo.raw", file);
        h.run();
        assertTrue(h.sentByReceiver.get(before) instanceof FileAccept, "a fresh start, not a resume");
        assertEquals(TransferState.DONE, h.receiver.state(second));
        assertArrayEquals(file, TestFiles.read(h.receiverStore, partial));
    }

    @Test
    void aPartialLongerThanTheFileIsDeletedAndTheTransferStartsFromZero() throws Exception {
        var h = new TransferHarness(Message.Role.GUEST);
        byte[] file = TestFiles.random(70_000, 6);
        String partial = FileReceiver.partialName(TestFiles.sha256(file), file.length);
        TestFiles.put(h.receiverStore, partial, TestFiles.random(80_000, 9));
        h.autoAccept = false;

        FileId id = h.offer("notes.txt", file);
        h.run();
        assertEquals(TransferState.OFFERED, h.receiver.state(id), "the user is asked as for a new file");
        assertNull(TestFiles.read(h.receiverStore, partial));

        h.fromReceiver(h.receiver.accept(id));
        h.run();
        assertTrue(h.sentByReceiver.get(0) instanceof FileAccept);
        assertEquals(0, h.sentBySender.stream().filter(m -> m instanceof FileChunk).map(m -> (FileChunk) m)
                .findFirst().orElseThrow().offset());
        assertArrayEquals(file, TestFiles.read(h.receiverStore, partial));
        assertEquals(TransferState.DONE, h.sender.state(id));
    }

    @Test
    void aCompletePartialIsVerifiedAtOnceAndNothingIsResent() throws Exception {
        var h = new TransferHarness(Message.Role.GUEST);
        byte[] file = TestFiles.random(90_000, 4);
        TestFiles.put(h.receiverStore, FileReceiver.partialName(TestFiles.sha256(file), file.length), file);

        FileId id = h.offer("again.bin", file);
        h.run();
        assertEquals(TransferState.DONE, h.sender.state(id));
        assertTrue(h.sentBySender.stream().noneMatch(m -> m instanceof FileChunk));
    }
}
