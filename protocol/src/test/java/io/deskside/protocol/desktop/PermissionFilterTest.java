package io.deskside.protocol.desktop;

import static io.deskside.protocol.wire.Message.Permission.ANNOTATE;
import static io.deskside.protocol.wire.Message.Permission.CHAT;
import static io.deskside.protocol.wire.Message.Permission.CLIPBOARD;
import static io.deskside.protocol.wire.Message.Permission.CONTROL;
import static io.deskside.protocol.wire.Message.Permission.FILES;
import static io.deskside.protocol.wire.Message.Permission.VIEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.DesktopMessage.PermissionRefused;
import io.deskside.protocol.wire.Message.Permission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionFilterTest {

    /**
     * The plan's table (§5), written out apart from the code so the two check each other. A
     * type without a row fails {@link #everyTypeHasARowInThePermissionTable()}: deciding what a
     * new message needs is not left to a default.
     */
    private static final Map<DesktopType, Optional<Permission>> TABLE = new EnumMap<>(DesktopType.class);

    static {
        for (DesktopType t : List.of(DesktopType.UPDATE_REQUEST, DesktopType.LAYOUT, DesktopType.SCREEN_UPDATE,
                DesktopType.CURSOR_SHAPE, DesktopType.CURSOR_SELECT, DesktopType.CURSOR_POSITION)) {
            TABLE.put(t, Optional.of(VIEW));
        }
        for (DesktopType t : List.of(DesktopType.POINTER, DesktopType.KEY, DesktopType.TEXT_INPUT)) {
            TABLE.put(t, Optional.of(CONTROL));
        }
        TABLE.put(DesktopType.ANNOTATION, Optional.of(ANNOTATE));
        TABLE.put(DesktopType.CHAT_LINE, Optional.of(CHAT));
        TABLE.put(DesktopType.CLIPBOARD_TEXT, Optional.of(CLIPBOARD));
        for (DesktopType t : List.of(DesktopType.FILE_OFFER, DesktopType.FILE_ACCEPT, DesktopType.FILE_RESUME,
                DesktopType.FILE_ACK, DesktopType.FILE_DONE, DesktopType.FILE_CHUNK)) {
            TABLE.put(t, Optional.of(FILES));
        }
        for (DesktopType t : List.of(DesktopType.FILE_REFUSE, DesktopType.FILE_CANCEL, DesktopType.HELLO,
                DesktopType.PERMISSIONS_IN_FORCE, DesktopType.PERMISSION_REFUSED)) {
            TABLE.put(t, Optional.empty());
        }
    }

    private static List<Set<Permission>> everySetTheTableCares() {
        List<Set<Permission>> sets = new ArrayList<>();
        sets.add(EnumSet.noneOf(Permission.class));
        for (Permission p : Permission.values()) {
            sets.add(EnumSet.of(p));
        }
        sets.add(EnumSet.allOf(Permission.class));
        return sets;
    }

    @Test
    void everyTypeHasARowInThePermissionTable() {
        for (DesktopType t : DesktopType.values()) {
            assertTrue(TABLE.containsKey(t), t + " has no row: decide which permission it needs");
            assertEquals(TABLE.get(t), PermissionFilter.required(t), t.toString());
        }
    }

    @Test
    void everyTypeIsLetThroughExactlyWhenItsPermissionIsInForce() {
        for (DesktopType t : DesktopType.values()) {
            DesktopMessage m = DesktopSamples.of(t).message();
            for (Set<Permission> inForce : everySetTheTableCares()) {
                boolean expected = TABLE.get(t).map(inForce::contains).orElse(true);
                assertEquals(expected, PermissionFilter.allows(m, inForce), t + " with " + inForce);
            }
        }
    }

    /** RECORD tells the Guest the session is recorded; no message needs it. */
    @Test
    void recordIsNoMessagesPermission() {
        for (DesktopType t : DesktopType.values()) {
            assertFalse(PermissionFilter.required(t).equals(Optional.of(Permission.RECORD)), t.toString());
        }
    }

    @Test
    void annotateOnlyPassesAnnotationButNotThePointer() {
        Set<Permission> annotateOnly = EnumSet.of(VIEW, ANNOTATE);
        assertTrue(PermissionFilter.allows(DesktopSamples.of(DesktopType.ANNOTATION).message(), annotateOnly));
        assertFalse(PermissionFilter.allows(DesktopSamples.of(DesktopType.POINTER).message(), annotateOnly));
        assertFalse(PermissionFilter.allows(DesktopSamples.of(DesktopType.KEY).message(), annotateOnly));
    }

    /** Stopping a transfer is always allowed: a withdrawn FILES must not trap one half-way. */
    @Test
    void withoutFilesOffersAndChunksAreDroppedButRefuseAndCancelPass() {
        Set<Permission> noFiles = EnumSet.of(VIEW, CONTROL, CHAT);
        for (DesktopType t : List.of(DesktopType.FILE_OFFER, DesktopType.FILE_ACCEPT, DesktopType.FILE_RESUME,
                DesktopType.FILE_ACK, DesktopType.FILE_DONE, DesktopType.FILE_CHUNK)) {
            assertFalse(PermissionFilter.allows(DesktopSamples.of(t).message(), noFiles), t.toString());
        }
        assertTrue(PermissionFilter.allows(DesktopSamples.of(DesktopType.FILE_REFUSE).message(), noFiles));
        assertTrue(PermissionFilter.allows(DesktopSamples.of(DesktopType.FILE_CANCEL).message(), noFiles));
    }

    /**
     * The Host's receive path as §5 has it: decode, filter, and for a drop a notice through
     * {@link RefusalNotices}. A Guest that keeps moving, typing and pasting text in a view-only
     * session hears about each type once a second, with the count, not once per message.
     */
    @Test
    void aViewOnlyHostDropsPointerKeysAndTextAndReportsEachTypeOnceASecondWithTheCount() throws Exception {
        long[] now = {0};
        RefusalNotices notices = new RefusalNotices(() -> now[0]);
        Set<Permission> viewOnly = EnumSet.of(VIEW, CHAT);
        List<DesktopMessage> fromGuest = List.of(DesktopSamples.of(DesktopType.POINTER).message(),
                DesktopSamples.of(DesktopType.KEY).message(), DesktopSamples.of(DesktopType.TEXT_INPUT).message(),
                DesktopSamples.of(DesktopType.UPDATE_REQUEST).message());
        List<DesktopMessage> dispatched = new ArrayList<>();
        List<PermissionRefused> sent = new ArrayList<>();
        // 1.5 s of a message of each kind every 10 ms.
        for (int tick = 0; tick < 150; tick++) {
            now[0] = tick * 10_000_000L;
            for (DesktopMessage m : fromGuest) {
                byte[] wire = m.encode();
                DesktopMessage received = DesktopMessage.decode(m.type().stream(), io.deskside.protocol.wire.Message.Role.GUEST, wire);
                if (PermissionFilter.allows(received, viewOnly)) {
                    dispatched.add(received);
                } else {
                    notices.dropped(received.type(), PermissionFilter.required(received).orElseThrow()).ifPresent(sent::add);
                }
            }
        }
        now[0] = 2_000_000_000L;
        sent.addAll(notices.due());
        assertEquals(150, dispatched.size(), "update requests pass");
        assertTrue(dispatched.stream().allMatch(m -> m.type() == DesktopType.UPDATE_REQUEST));
        for (DesktopType t : List.of(DesktopType.POINTER, DesktopType.KEY, DesktopType.TEXT_INPUT)) {
            List<Long> counts = sent.stream().filter(n -> n.refusedType() == t).map(PermissionRefused::dropped).toList();
            // At once for the first, at 1.0 s for the 99 after it, and the last 49 when they are due.
            assertEquals(List.of(1L, 100L, 49L), counts, t.toString());
            assertTrue(sent.stream().filter(n -> n.refusedType() == t).allMatch(n -> n.permission() == CONTROL));
        }
    }
}
