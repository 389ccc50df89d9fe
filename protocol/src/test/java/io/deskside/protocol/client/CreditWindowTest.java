package io.deskside.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.crypto.SealedChannel;
import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.DesktopType;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.wire.Message.Role;
import io.deskside.protocol.wire.ProtocolException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CreditWindowTest {

    @Test
    void theWholeWindowIsGrantedAtTheStartAndAQuarterOnceAQuarterIsConsumed() throws ProtocolException {
        CreditWindow w = new CreditWindow(64 << 10);
        assertEquals(64 << 10, w.initialGrant());
        w.received(10_000);
        w.received(10_000);
        assertEquals(0, w.consumed(10_000), "less than a quarter consumed: no grant yet");
        assertEquals(0, w.consumed(6_383));
        assertEquals(16_384, w.consumed(1), "a quarter consumed since the last grant is granted again");
        assertEquals(0, w.consumed(3_616));
        assertEquals((64 << 10) - 20_000 + 16_384, w.outstanding());
    }

    @Test
    void whatIsGrantedAndNotReceivedNeverExceedsTheWindow() throws ProtocolException {
        Random random = new Random(7);
        for (int window : new int[] {1, 3, 1000, 64 << 10, 2 << 20, CreditWindow.MAX_WINDOW_BYTES}) {
            CreditWindow w = new CreditWindow(window);
            long peerMay = w.initialGrant();
            ArrayDeque<Integer> unconsumed = new ArrayDeque<>();
            for (int step = 0; step < 20_000; step++) {
                if (peerMay > 0 && (unconsumed.isEmpty() || random.nextBoolean())) {
                    int record = (int) Math.min(peerMay, 1 + random.nextInt(Math.max(1, window / 3)));
                    w.received(record);
                    peerMay -= record;
                    unconsumed.add(record);
                } else {
                    peerMay += w.consumed(unconsumed.poll());
                }
                assertEquals(peerMay, w.outstanding(), "the peer's credit is what the window says is outstanding");
                assertTrue(peerMay <= window, "outstanding " + peerMay + " above the window " + window);
            }
            while (!unconsumed.isEmpty()) {
                peerMay += w.consumed(unconsumed.poll());
            }
            assertTrue(peerMay > window - Math.max(1, window / 4), "with everything consumed, nearly the whole window is granted again");
        }
    }

    @Test
    void aPeerThatSendsMoreThanItWasGrantedIsRefused() throws ProtocolException {
        CreditWindow w = new CreditWindow(1000);
        assertThrows(ProtocolException.class, () -> w.received(1), "nothing granted before the initial grant");
        w.initialGrant();
        w.received(600);
        assertThrows(ProtocolException.class, () -> w.received(401));
        w.received(400); // the refused record counted nothing
        assertThrows(ProtocolException.class, () -> w.received(1));
        assertEquals(0, w.outstanding());
    }

    @Test
    void consumingWhatNeverArrivedIsAMistakeHere() throws ProtocolException {
        CreditWindow w = new CreditWindow(1000);
        w.initialGrant();
        w.received(100);
        assertThrows(IllegalStateException.class, () -> w.consumed(101));
        assertThrows(IllegalStateException.class, w::initialGrant, "granted once");
    }

    @Test
    void aWindowIsBetweenOneByteAndTheGatewaysLimit() {
        assertThrows(IllegalArgumentException.class, () -> new CreditWindow(0));
        assertThrows(IllegalArgumentException.class, () -> new CreditWindow(CreditWindow.MAX_WINDOW_BYTES + 1));
    }

    @Test
    void everyDesktopWindowFitsTheGatewayAndIsAtLeastFourThirdsOfTheLargestRecord() {
        for (DesktopStream stream : DesktopStream.values()) {
            for (Role receiver : Role.values()) {
                Role sender = receiver == Role.HOST ? Role.GUEST : Role.HOST;
                boolean carries = Arrays.stream(DesktopType.values()).anyMatch(t -> t.stream() == stream && t.sender().includes(sender));
                int window = stream.receiveWindowBytes(receiver);
                if (!carries) {
                    assertEquals(0, window, stream + ": " + receiver + " never receives on it, so grants nothing");
                    continue;
                }
                long largest = largestPlaintext(stream, sender) + SealedChannel.OVERHEAD_BYTES;
                assertTrue(window <= CreditWindow.MAX_WINDOW_BYTES, stream + " " + receiver + ": the gateway would clip " + window);
                assertTrue(3L * window >= 4L * largest,
                        stream + " " + receiver + ": a window of " + window + " is less than 4/3 of a " + largest + "-byte record");
            }
        }
    }

    /** The largest plaintext {@code sender} puts on {@code stream}, from the desktop protocol's bounds. */
    private static int largestPlaintext(DesktopStream stream, Role sender) {
        return switch (stream) {
            case CONTROL -> new DesktopMessage.ClipboardText("x".repeat(DesktopMessage.MAX_CLIPBOARD_BYTES)).encode().length;
            case INPUT -> new DesktopMessage.TextInput("x".repeat(DesktopMessage.MAX_TEXT_INPUT_BYTES)).encode().length;
            case SCREEN -> sender == Role.HOST
                    ? DesktopMessage.MAX_MESSAGE_BYTES // a ScreenUpdate part; a Layout is far smaller
                    : new DesktopMessage.UpdateRequest(1, 1, true, 1, 0, 0, DesktopMessage.MAX_COORDINATE, DesktopMessage.MAX_COORDINATE)
                            .encode().length;
            case CURSOR -> new DesktopMessage.CursorShape(0, DesktopMessage.MAX_CURSOR_SIDE, DesktopMessage.MAX_CURSOR_SIDE, 0, 0,
                    new int[DesktopMessage.MAX_CURSOR_SIDE * DesktopMessage.MAX_CURSOR_SIDE]).encode().length;
            case FILES -> new DesktopMessage.FileChunk(new FileId(sender, 1), 0, new byte[DesktopMessage.MAX_CHUNK_BYTES]).encode().length;
        };
    }
}
