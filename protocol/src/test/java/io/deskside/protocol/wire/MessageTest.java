package io.deskside.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.wire.Message.Permission;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void everyMessageReadsBackAsItWasWritten() throws Exception {
        List<Message> all = List.of(
                new Message.Hello(Message.Role.HOST, "Deskside Host 0.1 (Linux)", ""),
                new Message.Welcome("r-1234", 15),
                new Message.Hello(Message.Role.GUEST, "Deskside Guest", "abc.def", 77),
                new Message.Welcome("abc.def", 1, 12, true),
                new Message.Ack(1L << 40),
                new Message.HelpRequest(true, "123", "ann@pc-17", "Mein Drucker brennt 🔥"),
                new Message.HelpRequest(false, "Online banking", "ann@pc-17", ""),
                new Message.Status(Message.Status.State.WAITING, "Deskside – Waiting…"),
                new Message.ConfirmRequest("Bob Builder", EnumSet.of(Permission.VIEW, Permission.CHAT, Permission.RECORD)),
                new Message.ConfirmAnswer(true),
                new Message.Credit(3, 65536),
                new Message.Ping(-7),
                new Message.Pong(Long.MAX_VALUE),
                new Message.Disconnect(DisconnectReason.HOTKEY, "The end user pressed F12"),
                new Message.Session(SessionContext.ofTicket(41, "123")),
                new Message.KeyConfirmed(),
                new Message.Session(SessionContext.ofService(Long.MAX_VALUE, "Online banking – Zahlungsverkehr")));
        for (Message m : all) {
            Frame onWire = new FrameDecoder().feed(m.toFrame().encode()).get(0);
            assertEquals(m, Message.decode(onWire), m.toString());
        }
        Message.KeyExchange kx = (Message.KeyExchange) Message.decode(new Message.KeyExchange(2, new byte[] {1, 2, 3}).toFrame());
        assertEquals(2, kx.round());
        assertArrayEquals(new byte[] {1, 2, 3}, kx.body());
        Message.Data data = (Message.Data) Message.decode(new Message.Data(5, new byte[] {9, 8}).toFrame());
        assertEquals(5, data.stream());
        assertArrayEquals(new byte[] {9, 8}, data.sealed());
    }

    /** Enums go on the wire by the code each constant was given, so reordering them changes nothing. */
    @Test
    void enumsTravelByTheirFixedCodes() throws Exception {
        assertArrayEquals(new byte[] {3, 0, 0}, new Message.Status(Message.Status.State.CONNECTED, "").toFrame().payload());
        assertArrayEquals(new byte[] {0, 0, 0, 0x41}, new Message.ConfirmRequest("", EnumSet.of(Permission.VIEW, Permission.RECORD))
                .toFrame().payload());
        assertEquals(1, new Message.Hello(Message.Role.GUEST, "g", "").toFrame().payload()[0]);
        assertEquals(2, new Message.Session(SessionContext.ofService(1, "x")).toFrame().payload()[8]);
    }

    @Test
    void malformedPayloadsAreRefusedWithAReason() {
        List<Frame> bad = List.of(
                new Frame(FrameType.PING, 0, new byte[7]),
                new Frame(FrameType.PING, 0, new byte[9]),
                new Frame(FrameType.HELLO, 0, new byte[] {9, 0, 0, 0, 0}),
                new Frame(FrameType.HELLO, 0, new byte[] {0, 0, 2, (byte) 0xC3, (byte) 0x28, 0, 0}),
                new Frame(FrameType.HELLO, 0, new byte[] {0, 0, 1, 7, 0, 0}),
                new Frame(FrameType.HELP_REQUEST, 0, new byte[] {3, 0, 0, 0, 0, 0, 0}),
                new Frame(FrameType.CONFIRM_ANSWER, 0, new byte[] {2}),
                new Frame(FrameType.CONFIRM_REQUEST, 0, new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF}),
                new Frame(FrameType.KEY_EXCHANGE, 0, new byte[] {1, 0x7F, 0, 0, 0}),
                new Frame(FrameType.DATA, 0, new byte[] {1}),
                new Frame(FrameType.PING, 4, new byte[8]),
                new Frame(FrameType.STATUS, 0, new byte[] {0, 0x10, 0}),
                new Frame(FrameType.STATUS, 0, new byte[] {5, 0, 0}),
                new Frame(FrameType.CONFIRM_REQUEST, 0, new byte[] {0, 0, 0, (byte) 0x80}),
                new Frame(FrameType.SESSION, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, '1'}),
                new Frame(FrameType.SESSION, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 7, 3, 0, 1, '1'}),
                new Frame(FrameType.SESSION, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 7, 1, 0, 0}),
                new Frame(FrameType.KEY_CONFIRMED, 0, new byte[] {0}));
        for (Frame f : bad) {
            assertThrows(ProtocolException.class, () -> Message.decode(f), f.toString());
        }
    }
}
