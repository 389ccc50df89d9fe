package io.deskside.protocol.desktop;

import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.Message.Permission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a Host and a Guest say to each other inside the sealed tunnel: the remote desktop
 * itself. The gateway never reads it; it only carries sealed records.
 *
 * <p>A message is exactly one sealed record on its {@link DesktopStream}: {@code type:u8}, then
 * the fields of its {@link DesktopType}, at most {@link #MAX_MESSAGE_BYTES} in all. Integers are
 * big-endian and unsigned unless said otherwise; {@code str(max)} is a u16 length and UTF-8,
 * {@code text32(max)} and {@code bytes32(max)} a u32 length and UTF-8 or bytes; undefined flag
 * bits are 0; enumerations travel by their fixed code. Every record checks its fields when it
 * is built, so a message that exists always encodes to bytes the peer accepts.
 *
 * <p>{@link #decode} is strict and canonical: a record that decodes re-encodes to exactly its
 * bytes, and anything else is a {@link DesktopProtocolException} with a reason, never another
 * exception. Byte and pixel arrays are not copied (as with {@code Frame}): an array handed to a
 * message is never changed by it, and nobody may change it after. Compare messages by their
 * encoded bytes, not by {@code equals}.
 */
public sealed interface DesktopMessage {

    /** The largest plaintext: sealed, it is 24 bytes more, and its DATA frame 8 more, well under 1 MiB. */
    int MAX_MESSAGE_BYTES = 262_144;
    int MAX_CHAT_BYTES = 4_096;
    int MAX_CLIPBOARD_BYTES = 131_072;
    int MAX_TEXT_INPUT_BYTES = 256;
    int MAX_CLIENT_NAME_BYTES = 64;
    int MAX_FILE_NAME_BYTES = 255;
    long MAX_FILE_BYTES = 1L << 40;
    int MAX_CHUNK_BYTES = 65_536;
    /** 32 notches of 120 (Java's and Windows' unit for one notch). */
    int MAX_WHEEL = 3_840;
    /** The largest desktop side; a rect's x+w and y+h reach at most this. */
    int MAX_COORDINATE = 16_384;
    /** An 8K desktop is 33.2 million pixels; this is 2^25 = 33.5 million. */
    int MAX_DESKTOP_PIXELS = 1 << 25;
    int MAX_MONITORS = 16;
    int MAX_RECTS_PER_PART = 2_048;
    /** The most pixels of a PALETTE, ZLIB or RAW rect (256x256): the decoder's scratch is sized by it. */
    int MAX_TILE_PIXELS = 65_536;
    int MAX_CURSOR_SIDE = 128;
    int CURSOR_SLOTS = 32;
    int ZLIB_STREAMS = 4;
    int MAX_SCALE = 4;

    DesktopType type();

    /** The record's plaintext: the type code, then the fields. */
    byte[] encode();

    /**
     * Reads one record that arrived on {@code stream} from {@code from}. The type's stream and
     * sender are checked before any field is read; every length is checked against its bound
     * and against what is there before anything is allocated for it.
     */
    static DesktopMessage decode(DesktopStream stream, Message.Role from, byte[] plaintext) throws DesktopProtocolException {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(plaintext, "plaintext");
        if (plaintext.length > MAX_MESSAGE_BYTES) {
            throw new DesktopProtocolException(DesktopProtocolException.Reason.TOO_LARGE,
                    "a desktop record of " + plaintext.length + " bytes, more than " + MAX_MESSAGE_BYTES);
        }
        if (plaintext.length == 0) {
            throw new DesktopProtocolException(DesktopProtocolException.Reason.TRUNCATED, "an empty desktop record");
        }
        DesktopType type = DesktopType.of(plaintext[0] & 0xFF);
        if (type == null) {
            throw new DesktopProtocolException(DesktopProtocolException.Reason.UNKNOWN_TYPE,
                    "a desktop record of unknown type " + (plaintext[0] & 0xFF));
        }
        if (type.stream() != stream) {
            throw new DesktopProtocolException(DesktopProtocolException.Reason.WRONG_STREAM,
                    "a " + type + " record on " + stream + "; it travels on " + type.stream());
        }
        if (!type.sender().includes(from)) {
            throw new DesktopProtocolException(DesktopProtocolException.Reason.WRONG_SIDE,
                    "a " + type + " record from the " + from + "; only the " + type.sender() + " sends it");
        }
        DesktopReader r = new DesktopReader(type, plaintext, 1);
        DesktopMessage m;
        try {
            // A switch expression: a new type does not compile until it can be read.
            m = switch (type) {
                case HELLO -> Hello.read(r);
                case PERMISSIONS_IN_FORCE -> PermissionsInForce.read(r);
                case PERMISSION_REFUSED -> PermissionRefused.read(r);
                case CHAT_LINE -> ChatLine.read(r);
                case CLIPBOARD_TEXT -> ClipboardText.read(r);
                case FILE_OFFER -> FileOffer.read(r, from);
                case FILE_ACCEPT -> FileAccept.read(r, from);
                case FILE_REFUSE -> FileRefuse.read(r, from);
                case FILE_RESUME -> FileResume.read(r, from);
                case FILE_ACK -> FileAck.read(r, from);
                case FILE_DONE -> FileDone.read(r, from);
                case FILE_CANCEL -> FileCancel.read(r);
                case FILE_CHUNK -> FileChunk.read(r, from);
                case POINTER -> Pointer.read(r);
                case KEY -> Key.read(r);
                case TEXT_INPUT -> TextInput.read(r);
                case ANNOTATION -> Annotation.read(r);
                case UPDATE_REQUEST -> UpdateRequest.read(r);
                case LAYOUT -> Layout.read(r);
                case SCREEN_UPDATE -> ScreenUpdate.read(r);
                case CURSOR_SHAPE -> CursorShape.read(r);
                case CURSOR_SELECT -> CursorSelect.read(r);
                case CURSOR_POSITION -> CursorPosition.read(r);
            };
        } catch (InvalidField e) {
            throw new DesktopProtocolException(e.reason(), "a " + type + " record: " + e.getMessage());
        }
        r.end();
        return m;
    }

    /**
     * A file id whose side bit must name {@code offeredBy}: the offer and its chunks come from
     * the side that offers, the answers (accept, refuse, resume, ack, done) from the other.
     */
    private static FileId fileId(DesktopReader r, Message.Role offeredBy) throws DesktopProtocolException {
        FileId id = FileId.fromWire(r.u32());
        Check.wellFormed(id.offeredBy() == offeredBy, "the file id's side bit names the wrong side");
        return id;
    }

    private static Message.Role other(Message.Role role) {
        return role == Message.Role.HOST ? Message.Role.GUEST : Message.Role.HOST;
    }

    private static long u32(String field, long value) {
        return Check.range(field, value, 0, 0xFFFF_FFFFL);
    }

    private static int coordinate(String field, int value) {
        return Check.range(field, value, 0, MAX_COORDINATE - 1);
    }

    // ---------------------------------------------------------------- control

    /**
     * Each side's first CONTROL message, exactly once. {@code features} is a bit set: v1
     * defines none; bits a side does not know are kept and ignored, and a feature is used only
     * if both sides set it. A version this side does not speak ends the session.
     */
    record Hello(int version, long features, String client) implements DesktopMessage {
        public static final int VERSION = 1;

        public Hello {
            Check.range("a hello's version", version, 0, 0xFF);
            u32("a hello's features", features);
            TextRule.NO_CONTROLS.check("a client name", client, 0, MAX_CLIENT_NAME_BYTES);
        }

        /** This side's hello: the version spoken here, no features. */
        public Hello(String client) {
            this(VERSION, 0, client);
        }

        @Override
        public DesktopType type() {
            return DesktopType.HELLO;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type()).u8(version).u32(features).str(client).done();
        }

        static Hello read(DesktopReader r) throws DesktopProtocolException {
            int version = r.u8();
            // Checked before the other fields: another version may lay them out differently.
            if (version != VERSION) {
                throw new DesktopProtocolException(DesktopProtocolException.Reason.UNSUPPORTED_VERSION,
                        "desktop protocol version " + version + " is not spoken here");
            }
            return new Hello(version, r.u32(), r.str(MAX_CLIENT_NAME_BYTES, TextRule.NO_CONTROLS, "a client name"));
        }
    }

    /**
     * What the session may do now, from the Host whenever it changes: what the end user
     * accepted, less what the Host's configuration forbids and what the end user took back
     * since. Bits are {@link Permission#code()}; no other bit may be set.
     */
    record PermissionsInForce(Set<Permission> permissions) implements DesktopMessage {
        public PermissionsInForce {
            EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
            set.addAll(Objects.requireNonNull(permissions, "permissions"));
            permissions = Collections.unmodifiableSet(set);
        }

        @Override
        public DesktopType type() {
            return DesktopType.PERMISSIONS_IN_FORCE;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type()).u16(Permission.mask(permissions)).done();
        }

        static PermissionsInForce read(DesktopReader r) throws DesktopProtocolException {
            int mask = r.u16();
            EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
            for (Permission p : Permission.values()) {
                if ((mask & (1 << p.code())) != 0) {
                    set.add(p);
                }
            }
            Check.wellFormed(Permission.mask(set) == mask, "permissions that do not exist");
            return new PermissionsInForce(set);
        }
    }

    /**
     * The Host dropped {@code dropped} messages of a type the Guest sent, for want of
     * {@code permission}. Coalesced by {@link RefusalNotices}: at most one a second per type.
     */
    record PermissionRefused(DesktopType refusedType, Permission permission, long dropped) implements DesktopMessage {
        public PermissionRefused {
            Objects.requireNonNull(refusedType, "refusedType");
            Objects.requireNonNull(permission, "permission");
            Check.within(refusedType.sender().includes(Message.Role.GUEST), "a refusal names " + refusedType + ", which the Guest never sends");
            Check.range("a refusal's count", dropped, 1, 0xFFFF_FFFFL);
        }

        @Override
        public DesktopType type() {
            return DesktopType.PERMISSION_REFUSED;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type()).u8(refusedType.code()).u8(permission.code()).u32(dropped).done();
        }

        static PermissionRefused read(DesktopReader r) throws DesktopProtocolException {
            DesktopType refused = Check.code("a refused type", DesktopType.values(), r.u8());
            Permission permission = Check.code("a permission", Permission.values(), r.u8());
            return new PermissionRefused(refused, permission, r.u32());
        }
    }

    /** A chat line, either way: 1 to 4,096 bytes; it may hold line feeds and tabs, no other controls. */
    record ChatLine(String text) implements DesktopMessage {
        public ChatLine {
            TextRule.CHAT.check("a chat line", text, 1, MAX_CHAT_BYTES);
        }

        @Override
        public DesktopType type() {
            return DesktopType.CHAT_LINE;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 3 + text.length()).str(text).done();
        }

        static ChatLine read(DesktopReader r) throws DesktopProtocolException {
            return new ChatLine(r.str(MAX_CHAT_BYTES, TextRule.CHAT, "a chat line"));
        }

        @Override
        public String toString() {
            return "ChatLine[" + text.length() + " chars]";
        }
    }

    /**
     * Clipboard text, either way: up to 128 KiB; tabs and line ends (CR, LF) pass, other
     * controls are turned into U+FFFD by the sender.
     */
    record ClipboardText(String text) implements DesktopMessage {
        public ClipboardText {
            TextRule.CLIPBOARD.check("clipboard text", text, 0, MAX_CLIPBOARD_BYTES);
        }

        @Override
        public DesktopType type() {
            return DesktopType.CLIPBOARD_TEXT;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 5 + text.length()).text32(text).done();
        }

        static ClipboardText read(DesktopReader r) throws DesktopProtocolException {
            return new ClipboardText(r.text32(MAX_CLIPBOARD_BYTES, TextRule.CLIPBOARD, "clipboard text"));
        }

        @Override
        public String toString() {
            return "ClipboardText[" + text.length() + " chars]";
        }
    }

    // ---------------------------------------------------------------- files

    /**
     * A side offers a file: its id (side bit = the offering side), size, SHA-256 (hashed before
     * the offer, checked by the receiver at the end) and name.
     */
    record FileOffer(FileId id, long size, byte[] sha256, FileName name) implements DesktopMessage {
        public static final int SHA256_BYTES = 32;

        public FileOffer {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Check.range("a file's size", size, 0, MAX_FILE_BYTES);
            Check.present("a file's SHA-256", sha256);
            Check.wellFormed(sha256.length == SHA256_BYTES, "a SHA-256 is 32 bytes");
        }

        @Override
        public DesktopType type() {
            return DesktopType.FILE_OFFER;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 48 + 3 * name.value().length()).u32(id.wire()).u64(size).fixed(sha256).str(name.value()).done();
        }

        static FileOffer read(DesktopReader r, Message.Role sender) throws DesktopProtocolException {
            FileId id = fileId(r, sender);
            long size = r.u64();
            byte[] sha256 = r.fixed(SHA256_BYTES, "a SHA-256");
            String name = r.str(MAX_FILE_NAME_BYTES, TextRule.NO_CONTROLS, "a file name");
            return new FileOffer(id, size, sha256, new FileName(name));
        }
    }

    /** The receiver takes an offered file (side bit = the other side: the one that offered). */
    record FileAccept(FileId id) implements DesktopMessage {
        public FileAccept {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public DesktopType type() {
            return DesktopType.FILE_ACCEPT;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type()).u32(id.wire()).done();
        }

        static FileAccept read(DesktopReader r, Message.Role sender) throws DesktopProtocolException {
            return new FileAccept(fileId(r, other(sender)));
        }
    }

    /** The receiver will not take an offered file, and why. */
    record FileRefuse(FileId id, Cause cause) implements DesktopMessage {
        public enum Cause implements Message.Coded {
            DECLINED(1), NO_ROOM(2),
            /** More than four offers open at once, or the same file (size and SHA-256) is coming already. */
            BUSY(3),
            NOT_PERMITTED(4);

            private final int code;

            Cause(int code) {
                this.code = code;
            }

            @Override
            public int code() {
                return code;
            }
        }

        public FileRefuse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public DesktopType type() {
            return DesktopType.FILE_REFUSE;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type()).u32(id.wire()).u8(cause.code()).done();
        }

        static FileRefuse read(DesktopReader r, Message.Role sender) throws DesktopProtocolException {
            FileId id = fileId(r, other(sender));
            return new FileRefuse(id, Check.code("a refusal's cause", Cause.values(), r.u8()));
        }
    }

    /**
     * The receiver takes an offered file from {@code from} on: it kept a partial of the same
     * file from a lost session, or re-syncs after a local write error. That {@code from} is at
     * most the size is the transfer's check; here it is at most {@link #MAX_FILE_BYTES}.
     */
    record FileResume(FileId id, long from) implements DesktopMessage {
        public FileResume {
            Objects.requireNonNull(id, "id");
            Check.range("a resume offset", from, 0, MAX_FILE_BYTES);
        }

        @Override
        public DesktopType type() {
            return DesktopType.FILE_RESUME;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type()).u32(id.wire()).u64(from).done();
        }

        static FileResume read(DesktopReader r, Message.Role sender) throws DesktopProtocolException {
            FileId id = fileId(r, other(sender));
            return new FileResume(id, r.u64());
        }
    }

    /** The receiver has written the file up to {@code offset}: progress, and the sender's last safe point. */
    record FileAck(FileId id, long offset) implements DesktopMessage {
        public FileAck {
            Objects.requireNonNull(id, "id");
            Check.range("an acknowledged offset", offset, 0, MAX_FILE_BYTES);
        }

        @Override
        public DesktopType type() {
            return DesktopType.FILE_ACK;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type()).u32(id.wire()).u64(offset).done();
        }

        static FileAck read(DesktopReader r, Message.Role sender) throws DesktopProtocolException {
            FileId id = fileId(r, other(sender));
            return new FileAck(id, r.u64());
        }
    }

    /** The receiver has every byte and the SHA-256 matched. */
    record FileDone(FileId id) implements DesktopMessage {
        public FileDone {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public DesktopType type() {
            return DesktopType.FILE_DONE;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type()).u32(id.wire()).done();
        }

        static FileDone read(DesktopReader r, Message.Role sender) throws DesktopProtocolException {
            return new FileDone(fileId(r, other(sender)));
        }
    }

    /** Either side stops a transfer, at any time (so the id may name either side). */
    record FileCancel(FileId id, Cause cause) implements DesktopMessage {
        public enum Cause implements Message.Coded {
            BY_USER(1), HASH_MISMATCH(2), READ_WRITE_FAILED(3), PERMISSION_WITHDRAWN(4), OUT_OF_ORDER(5);

            private final int code;

            Cause(int code) {
                this.code = code;
            }

            @Override
            public int code() {
                return code;
            }
        }

        public FileCancel {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public DesktopType type() {
            return DesktopType.FILE_CANCEL;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type()).u32(id.wire()).u8(cause.code()).done();
        }

        static FileCancel read(DesktopReader r) throws DesktopProtocolException {
            FileId id = FileId.fromWire(r.u32());
            return new FileCancel(id, Check.code("a cancel's cause", Cause.values(), r.u8()));
        }
    }

    /**
     * 1 to 64 KiB of a file at {@code offset}, on the FILES stream so it never holds up
     * anything else. The side bit names the sender: chunks flow from the side that offered.
     */
    record FileChunk(FileId id, long offset, byte[] data) implements DesktopMessage {
        public FileChunk {
            Objects.requireNonNull(id, "id");
            Check.present("a chunk's data", data);
            Check.atMost("a chunk", data.length, MAX_CHUNK_BYTES);
            Check.range("a chunk's length", data.length, 1, MAX_CHUNK_BYTES);
            Check.range("a chunk's offset", offset, 0, MAX_FILE_BYTES - data.length);
        }

        @Override
        public DesktopType type() {
            return DesktopType.FILE_CHUNK;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 17 + data.length).u32(id.wire()).u64(offset).bytes32(data).done();
        }

        static FileChunk read(DesktopReader r, Message.Role sender) throws DesktopProtocolException {
            FileId id = fileId(r, sender);
            long offset = r.u64();
            return new FileChunk(id, offset, r.bytes32(1, MAX_CHUNK_BYTES, "a chunk"));
        }

        @Override
        public String toString() {
            return "FileChunk[" + id + ", offset " + offset + ", " + data.length + " bytes]";
        }
    }

    // ---------------------------------------------------------------- input

    /**
     * Where the Guest's pointer is (absolute, desktop coordinates), which buttons are down and
     * how far the wheels turned (in 1/120 notch; positive is down and right).
     */
    record Pointer(int x, int y, int buttons, int wheelY, int wheelX) implements DesktopMessage {
        public static final int LEFT = 1;
        public static final int MIDDLE = 1 << 1;
        public static final int RIGHT = 1 << 2;
        public static final int BACK = 1 << 3;
        public static final int FORWARD = 1 << 4;
        private static final int BUTTONS = LEFT | MIDDLE | RIGHT | BACK | FORWARD;

        public Pointer {
            coordinate("a pointer's x", x);
            coordinate("a pointer's y", y);
            Check.flags("pointer buttons", buttons, BUTTONS);
            Check.range("a vertical wheel turn", wheelY, -MAX_WHEEL, MAX_WHEEL);
            Check.range("a horizontal wheel turn", wheelX, -MAX_WHEEL, MAX_WHEEL);
        }

        @Override
        public DesktopType type() {
            return DesktopType.POINTER;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 10).u16(x).u16(y).u8(buttons).i16(wheelY).i16(wheelX).done();
        }

        static Pointer read(DesktopReader r) throws DesktopProtocolException {
            return new Pointer(r.u16(), r.u16(), r.u8(), r.i16(), r.i16());
        }
    }

    /**
     * A key pressed or released on the Guest. {@code keyCode} is a Java virtual key (1 to
     * 0xFFFF) or, for a character with no key of its own, {@code 0x01000000} plus its code point
     * (as {@code KeyEvent.getExtendedKeyCode} does).
     */
    record Key(int keyCode, Location location, int modifiers, boolean down) implements DesktopMessage {
        public static final int SHIFT = 1;
        public static final int CTRL = 1 << 1;
        public static final int ALT = 1 << 2;
        public static final int META = 1 << 3;
        public static final int ALT_GRAPH = 1 << 4;
        private static final int MODIFIERS = SHIFT | CTRL | ALT | META | ALT_GRAPH;
        public static final int EXTENDED = 0x0100_0000;
        private static final long MAX_KEY_CODE = EXTENDED + Character.MAX_CODE_POINT;

        /** Which of several keys of the same code (as {@code KeyEvent.KEY_LOCATION_*}). */
        public enum Location implements Message.Coded {
            UNKNOWN(0), STANDARD(1), LEFT(2), RIGHT(3), NUMPAD(4);

            private final int code;

            Location(int code) {
                this.code = code;
            }

            @Override
            public int code() {
                return code;
            }
        }

        public Key {
            Check.range("a key code", keyCode, 1, (int) MAX_KEY_CODE);
            if (keyCode > 0xFFFF) {
                Check.range("an extended key code", keyCode, EXTENDED, (int) MAX_KEY_CODE);
            }
            Objects.requireNonNull(location, "location");
            Check.flags("key modifiers", modifiers, MODIFIERS);
        }

        @Override
        public DesktopType type() {
            return DesktopType.KEY;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 8).u32(keyCode).u8(location.code()).u8(modifiers).u8(down ? 1 : 0).done();
        }

        static Key read(DesktopReader r) throws DesktopProtocolException {
            int keyCode = (int) Check.range("a key code", r.u32(), 1, MAX_KEY_CODE);
            Location location = Check.code("a key location", Location.values(), r.u8());
            int modifiers = r.u8();
            return new Key(keyCode, location, modifiers, Check.bool("a key's down flag", r.u8()));
        }

        @Override
        public String toString() {
            // Keys are what people type, passwords included: never in a log line.
            return "Key[" + (down ? "down" : "up") + "]";
        }
    }

    /** Text with no key to press for it (IME, dead keys, emoji): 1 to 256 bytes, no controls. */
    record TextInput(String text) implements DesktopMessage {
        public TextInput {
            TextRule.NO_CONTROLS.check("typed text", text, 1, MAX_TEXT_INPUT_BYTES);
        }

        @Override
        public DesktopType type() {
            return DesktopType.TEXT_INPUT;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 3 + text.length()).str(text).done();
        }

        static TextInput read(DesktopReader r) throws DesktopProtocolException {
            return new TextInput(r.str(MAX_TEXT_INPUT_BYTES, TextRule.NO_CONTROLS, "typed text"));
        }

        @Override
        public String toString() {
            return "TextInput[" + text.length() + " chars]";
        }
    }

    /** The technician points at something in a view-only session: the Host draws a marker there. */
    record Annotation(int x, int y, Mode mode) implements DesktopMessage {
        public enum Mode implements Message.Coded {
            HIDDEN(0), POINTER(1), PULSE(2);

            private final int code;

            Mode(int code) {
                this.code = code;
            }

            @Override
            public int code() {
                return code;
            }
        }

        public Annotation {
            coordinate("an annotation's x", x);
            coordinate("an annotation's y", y);
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public DesktopType type() {
            return DesktopType.ANNOTATION;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 6).u16(x).u16(y).u8(mode.code()).done();
        }

        static Annotation read(DesktopReader r) throws DesktopProtocolException {
            int x = r.u16();
            int y = r.u16();
            return new Annotation(x, y, Check.code("an annotation's mode", Mode.values(), r.u8()));
        }
    }

    // ---------------------------------------------------------------- screen

    /**
     * The Guest asks for the next update of a region (in unscaled desktop coordinates), full or
     * only what changed since the last update it received, at 1/scale. The Host holds at most
     * one: a newer request replaces a parked one.
     */
    record UpdateRequest(long id, long layoutGeneration, boolean incremental, int scale, int x, int y, int w, int h)
            implements DesktopMessage {
        public static final int INCREMENTAL = 1;

        public UpdateRequest {
            u32("a request id", id);
            u32("a layout generation", layoutGeneration);
            Check.range("a scale", scale, 1, MAX_SCALE);
            Check.range("a region's width", w, 1, MAX_COORDINATE);
            Check.range("a region's height", h, 1, MAX_COORDINATE);
            Check.range("a region's x", x, 0, MAX_COORDINATE - w);
            Check.range("a region's y", y, 0, MAX_COORDINATE - h);
        }

        @Override
        public DesktopType type() {
            return DesktopType.UPDATE_REQUEST;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 19).u32(id).u32(layoutGeneration).u8(incremental ? INCREMENTAL : 0).u8(scale)
                    .u16(x).u16(y).u16(w).u16(h).done();
        }

        static UpdateRequest read(DesktopReader r) throws DesktopProtocolException {
            long id = r.u32();
            long generation = r.u32();
            boolean incremental = Check.flags("a request's flags", r.u8(), INCREMENTAL) == INCREMENTAL;
            return new UpdateRequest(id, generation, incremental, r.u8(), r.u16(), r.u16(), r.u16(), r.u16());
        }
    }

    /**
     * The Host's desktop: its size and its monitors, whose origin is the virtual desktop's
     * top-left (so no coordinate is negative). It travels on SCREEN, ordered with the updates
     * that depend on it; every update names the generation it was drawn for.
     */
    record Layout(long generation, int width, int height, List<Monitor> monitors) implements DesktopMessage {
        /** {@code u16 x, y, w, h, u8 flags}. */
        static final int MONITOR_BYTES = 9;

        public record Monitor(int x, int y, int w, int h, boolean primary) {
            public static final int PRIMARY = 1;

            public Monitor {
                Check.range("a monitor's width", w, 1, MAX_COORDINATE);
                Check.range("a monitor's height", h, 1, MAX_COORDINATE);
                Check.range("a monitor's x", x, 0, MAX_COORDINATE - w);
                Check.range("a monitor's y", y, 0, MAX_COORDINATE - h);
            }
        }

        public Layout {
            u32("a layout generation", generation);
            Check.range("a desktop's width", width, 1, MAX_COORDINATE);
            Check.range("a desktop's height", height, 1, MAX_COORDINATE);
            Check.atMost("a desktop's pixel count", (long) width * height, MAX_DESKTOP_PIXELS);
            monitors = List.copyOf(Objects.requireNonNull(monitors, "monitors"));
            Check.atMost("a monitor count", monitors.size(), MAX_MONITORS);
            Check.range("a monitor count", monitors.size(), 1, MAX_MONITORS);
            int primaries = 0;
            for (Monitor m : monitors) {
                Check.range("a monitor's right edge", m.x() + m.w(), 1, width);
                Check.range("a monitor's bottom edge", m.y() + m.h(), 1, height);
                primaries += m.primary() ? 1 : 0;
            }
            Check.wellFormed(primaries == 1, "a layout has " + primaries + " primary monitors, not one");
        }

        @Override
        public DesktopType type() {
            return DesktopType.LAYOUT;
        }

        @Override
        public byte[] encode() {
            DesktopWriter out = new DesktopWriter(type(), 10 + MONITOR_BYTES * monitors.size())
                    .u32(generation).u16(width).u16(height).u8(monitors.size());
            for (Monitor m : monitors) {
                out.u16(m.x()).u16(m.y()).u16(m.w()).u16(m.h()).u8(m.primary() ? Monitor.PRIMARY : 0);
            }
            return out.done();
        }

        static Layout read(DesktopReader r) throws DesktopProtocolException {
            long generation = r.u32();
            int width = r.u16();
            int height = r.u16();
            int count = r.u8();
            Check.atMost("a monitor count", count, MAX_MONITORS);
            r.need((long) count * MONITOR_BYTES, count + " monitors");
            List<Monitor> monitors = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int x = r.u16();
                int y = r.u16();
                int w = r.u16();
                int h = r.u16();
                monitors.add(new Monitor(x, y, w, h, Check.bool("a monitor's flags", r.u8())));
            }
            return new Layout(generation, width, height, monitors);
        }
    }

    /**
     * One part of the Host's answer to an update request: rects to apply in order. An update is
     * parts 0, 1, 2… with the same request id, generation and scale (each part at most
     * {@link #MAX_MESSAGE_BYTES} and {@link #MAX_RECTS_PER_PART} rects); the last says
     * {@code finalPart}. {@code zlibReset} (only on part 0) says the Host reset its zlib streams
     * and the Guest must reset its own before the first ZLIB rect. Only a final part may be
     * empty (a full request for a region that has nothing in it).
     */
    record ScreenUpdate(long requestId, long layoutGeneration, int scale, int part, boolean finalPart, boolean zlibReset,
            List<Rect> rects) implements DesktopMessage {
        public static final int FINAL = 1;
        public static final int ZLIB_RESET = 1 << 1;
        /** Type, request id, generation, scale, flags, part and rect count. */
        public static final int HEADER_BYTES = 15;

        public ScreenUpdate {
            u32("a request id", requestId);
            u32("a layout generation", layoutGeneration);
            Check.range("a scale", scale, 1, MAX_SCALE);
            Check.range("a part number", part, 0, 0xFFFF);
            Check.wellFormed(!zlibReset || part == 0, "a zlib reset comes only in part 0");
            rects = List.copyOf(Objects.requireNonNull(rects, "rects"));
            Check.atMost("a part's rect count", rects.size(), MAX_RECTS_PER_PART);
            Check.wellFormed(finalPart || !rects.isEmpty(), "only a final part may be empty");
            Check.atMost("a screen update part's bytes", encodedBytes(rects), MAX_MESSAGE_BYTES);
        }

        private static long encodedBytes(List<Rect> rects) {
            long n = HEADER_BYTES;
            for (Rect rect : rects) {
                n += rect.encodedBytes();
            }
            return n;
        }

        @Override
        public DesktopType type() {
            return DesktopType.SCREEN_UPDATE;
        }

        @Override
        public byte[] encode() {
            DesktopWriter out = new DesktopWriter(type(), (int) encodedBytes(rects)).u32(requestId).u32(layoutGeneration)
                    .u8(scale).u8((finalPart ? FINAL : 0) | (zlibReset ? ZLIB_RESET : 0)).u16(part).u16(rects.size());
            for (Rect rect : rects) {
                RectCodec.write(out, rect);
            }
            return out.done();
        }

        static ScreenUpdate read(DesktopReader r) throws DesktopProtocolException {
            long requestId = r.u32();
            long generation = r.u32();
            int scale = r.u8();
            int flags = Check.flags("an update's flags", r.u8(), FINAL | ZLIB_RESET);
            int part = r.u16();
            int count = r.u16();
            Check.atMost("a part's rect count", count, MAX_RECTS_PER_PART);
            // The count is a claim: it must fit what is left before a single rect is read.
            r.need((long) count * Rect.MIN_BYTES, count + " rects");
            List<Rect> rects = new ArrayList<>(Math.min(count, 64));
            for (int i = 0; i < count; i++) {
                rects.add(RectCodec.read(r));
            }
            return new ScreenUpdate(requestId, generation, scale, part, (flags & FINAL) != 0, (flags & ZLIB_RESET) != 0, rects);
        }
    }

    // ---------------------------------------------------------------- cursor

    /**
     * A cursor image for one of the Guest's {@link #CURSOR_SLOTS} slots, non-premultiplied ARGB,
     * row by row. It defines the slot and selects it.
     */
    record CursorShape(int slot, int w, int h, int hotX, int hotY, int[] argb) implements DesktopMessage {
        public CursorShape {
            Check.range("a cursor slot", slot, 0, CURSOR_SLOTS - 1);
            Check.range("a cursor's width", w, 1, MAX_CURSOR_SIDE);
            Check.range("a cursor's height", h, 1, MAX_CURSOR_SIDE);
            Check.range("a cursor's hot spot x", hotX, 0, w - 1);
            Check.range("a cursor's hot spot y", hotY, 0, h - 1);
            Check.present("a cursor's pixels", argb);
            Check.wellFormed(argb.length == w * h, "a cursor has not one pixel per w·h");
        }

        @Override
        public DesktopType type() {
            return DesktopType.CURSOR_SHAPE;
        }

        @Override
        public byte[] encode() {
            DesktopWriter out = new DesktopWriter(type(), 6 + 4 * argb.length).u8(slot).u8(w).u8(h).u8(hotX).u8(hotY);
            for (int p : argb) {
                out.u32(p & 0xFFFF_FFFFL);
            }
            return out.done();
        }

        static CursorShape read(DesktopReader r) throws DesktopProtocolException {
            int slot = r.u8();
            int w = Check.range("a cursor's width", r.u8(), 1, MAX_CURSOR_SIDE);
            int h = Check.range("a cursor's height", r.u8(), 1, MAX_CURSOR_SIDE);
            int hotX = r.u8();
            int hotY = r.u8();
            r.need(4L * w * h, "a cursor's pixels");
            int[] argb = new int[w * h];
            for (int i = 0; i < argb.length; i++) {
                argb[i] = (int) r.u32();
            }
            return new CursorShape(slot, w, h, hotX, hotY, argb);
        }
    }

    /** Shows the cursor of a slot a {@link CursorShape} defined earlier (that it did is the {@code CursorCache}'s check). */
    record CursorSelect(int slot) implements DesktopMessage {
        public CursorSelect {
            Check.range("a cursor slot", slot, 0, CURSOR_SLOTS - 1);
        }

        @Override
        public DesktopType type() {
            return DesktopType.CURSOR_SELECT;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 2).u8(slot).done();
        }

        static CursorSelect read(DesktopReader r) throws DesktopProtocolException {
            return new CursorSelect(r.u8());
        }
    }

    /** Where the Host's pointer is, apart from the screen: a move costs bytes, not a re-encoded tile. */
    record CursorPosition(int x, int y, boolean visible) implements DesktopMessage {
        public CursorPosition {
            coordinate("a cursor's x", x);
            coordinate("a cursor's y", y);
        }

        @Override
        public DesktopType type() {
            return DesktopType.CURSOR_POSITION;
        }

        @Override
        public byte[] encode() {
            return new DesktopWriter(type(), 6).u16(x).u16(y).u8(visible ? 1 : 0).done();
        }

        static CursorPosition read(DesktopReader r) throws DesktopProtocolException {
            int x = r.u16();
            int y = r.u16();
            return new CursorPosition(x, y, Check.bool("a cursor's visible flag", r.u8()));
        }
    }
}
