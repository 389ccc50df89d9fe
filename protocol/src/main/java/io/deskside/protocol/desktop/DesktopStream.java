package io.deskside.protocol.desktop;

import io.deskside.protocol.wire.Message;

/**
 * The tunnel streams the desktop uses, by their fixed numbers (6 to 63 are reserved). Every
 * stream that can wait for credit at the gateway has its own, so a big screen update or file
 * never holds up a key press, a cursor move or a chat line.
 *
 * <p>The window is what a receiver grants on a stream at the start and tops up as it consumes:
 * never more than the gateway's 4 MiB per stream (a grant past it is clipped silently, and the
 * sender would believe in credit the gateway does not have), and at least 4/3 of the largest
 * record the stream carries, so a sender never waits for credit no one will give. A side that
 * never receives on a stream grants nothing on it.
 */
public enum DesktopStream implements Message.Coded {
    /** Hello, permissions, chat, clipboard and file control, both ways. */
    CONTROL(1, 512 << 10, 512 << 10),
    /** Pointer, keys, text and annotation, from the Guest. */
    INPUT(2, 64 << 10, 0),
    /** Update requests up; layout and screen update parts down. One update in flight; 2 MiB bounds what the gateway holds. */
    SCREEN(3, 64 << 10, 2 << 20),
    /** Cursor shapes and positions, from the Host. */
    CURSOR(4, 0, 256 << 10),
    /** File chunks, both ways. */
    FILES(5, 2 << 20, 2 << 20);

    private final int code;
    private final int hostWindowBytes;
    private final int guestWindowBytes;

    DesktopStream(int code, int hostWindowBytes, int guestWindowBytes) {
        this.code = code;
        this.hostWindowBytes = hostWindowBytes;
        this.guestWindowBytes = guestWindowBytes;
    }

    /** The tunnel stream number. */
    @Override
    public int code() {
        return code;
    }

    /** The bytes of sealed records {@code receiver} lets the other side have in flight on this stream. */
    public int receiveWindowBytes(Message.Role receiver) {
        return switch (receiver) {
            case HOST -> hostWindowBytes;
            case GUEST -> guestWindowBytes;
        };
    }

    /**
     * The desktop stream with this tunnel stream number. A record on any other stream is one the
     * desktop never sends there: WRONG_STREAM, as for a known type on the wrong one of ours.
     */
    public static DesktopStream of(int code) throws DesktopProtocolException {
        for (DesktopStream s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new DesktopProtocolException(DesktopProtocolException.Reason.WRONG_STREAM,
                "a desktop record on stream " + code + ", which the desktop does not use");
    }
}
