package io.deskside.protocol.desktop;

import static io.deskside.protocol.desktop.DesktopStream.CONTROL;
import static io.deskside.protocol.desktop.DesktopStream.CURSOR;
import static io.deskside.protocol.desktop.DesktopStream.FILES;
import static io.deskside.protocol.desktop.DesktopStream.INPUT;
import static io.deskside.protocol.desktop.DesktopStream.SCREEN;

import io.deskside.protocol.wire.Message;

/**
 * Every kind of desktop message: its one-byte code (the record's first byte; codes are never
 * reused), the stream it travels on, and who may send it. The decoder checks the stream and
 * the sender before it reads a single field, so a Guest cannot even get a {@code Layout}
 * parsed by a Host.
 */
public enum DesktopType implements Message.Coded {
    HELLO(0x01, CONTROL, Sender.EITHER),
    PERMISSIONS_IN_FORCE(0x02, CONTROL, Sender.HOST),
    PERMISSION_REFUSED(0x03, CONTROL, Sender.HOST),
    CHAT_LINE(0x10, CONTROL, Sender.EITHER),
    CLIPBOARD_TEXT(0x11, CONTROL, Sender.EITHER),
    FILE_OFFER(0x20, CONTROL, Sender.EITHER),
    FILE_ACCEPT(0x21, CONTROL, Sender.EITHER),
    FILE_REFUSE(0x22, CONTROL, Sender.EITHER),
    FILE_RESUME(0x23, CONTROL, Sender.EITHER),
    FILE_ACK(0x24, CONTROL, Sender.EITHER),
    FILE_DONE(0x25, CONTROL, Sender.EITHER),
    FILE_CANCEL(0x26, CONTROL, Sender.EITHER),
    FILE_CHUNK(0x27, FILES, Sender.EITHER),
    POINTER(0x30, INPUT, Sender.GUEST),
    KEY(0x31, INPUT, Sender.GUEST),
    TEXT_INPUT(0x32, INPUT, Sender.GUEST),
    ANNOTATION(0x33, INPUT, Sender.GUEST),
    UPDATE_REQUEST(0x40, SCREEN, Sender.GUEST),
    LAYOUT(0x41, SCREEN, Sender.HOST),
    SCREEN_UPDATE(0x42, SCREEN, Sender.HOST),
    CURSOR_SHAPE(0x50, CURSOR, Sender.HOST),
    CURSOR_SELECT(0x51, CURSOR, Sender.HOST),
    CURSOR_POSITION(0x52, CURSOR, Sender.HOST);

    /** Who may send a type. */
    public enum Sender {
        HOST, GUEST, EITHER;

        public boolean includes(Message.Role role) {
            return switch (this) {
                case HOST -> role == Message.Role.HOST;
                case GUEST -> role == Message.Role.GUEST;
                case EITHER -> role != null;
            };
        }
    }

    private static final DesktopType[] BY_CODE = new DesktopType[256];

    static {
        for (DesktopType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final DesktopStream stream;
    private final Sender sender;

    DesktopType(int code, DesktopStream stream, Sender sender) {
        this.code = code;
        this.stream = stream;
        this.sender = sender;
    }

    @Override
    public int code() {
        return code;
    }

    public DesktopStream stream() {
        return stream;
    }

    public Sender sender() {
        return sender;
    }

    /** The type for a code, or null for a code no version of the desktop protocol uses. */
    public static DesktopType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
