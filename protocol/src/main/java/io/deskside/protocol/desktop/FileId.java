package io.deskside.protocol.desktop;

import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import io.deskside.protocol.wire.Message;
import java.util.Objects;

/**
 * Names one file transfer of a session. On the wire it is a u32 whose bit 31 names the side
 * that offered the file (0 Host, 1 Guest) and whose other bits count that side's offers from
 * 1. Both sides can send files at once, and each numbers its own, so an id never means two
 * transfers and a {@code FileCancel} is never ambiguous.
 */
public record FileId(Message.Role offeredBy, int number) {

    public static final int MAX_NUMBER = 0x7FFF_FFFF;
    private static final long SIDE_BIT = 1L << 31;

    public FileId {
        Objects.requireNonNull(offeredBy, "offeredBy");
        Check.range("a file id's number", number, 1, MAX_NUMBER);
    }

    /** The id as it travels: the offering side in bit 31, the number below. */
    public long wire() {
        return (offeredBy == Message.Role.GUEST ? SIDE_BIT : 0) | number;
    }

    /** The id a u32 names (a number of 0 is OUT_OF_RANGE: each side counts from 1). */
    public static FileId fromWire(long wire) {
        if (wire < 0 || wire > 0xFFFF_FFFFL) {
            throw new InvalidField(Reason.OUT_OF_RANGE, "a file id is a u32");
        }
        return new FileId((wire & SIDE_BIT) != 0 ? Message.Role.GUEST : Message.Role.HOST, (int) (wire & MAX_NUMBER));
    }

    @Override
    public String toString() {
        return "file " + (offeredBy == Message.Role.GUEST ? "G" : "H") + number;
    }
}
