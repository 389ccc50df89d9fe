package io.deskside.protocol.desktop;

import io.deskside.protocol.wire.Message.Permission;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which permission each desktop message needs. The Host runs every message it receives
 * through it and drops (and reports, through {@link RefusalNotices}) whatever the permissions
 * in force do not allow, whatever the Guest sends; the Guest runs what it is about to send
 * through it too, to grey out what it may not do, so refusals happen only in races.
 *
 * <p>Stopping is always allowed: refusing or cancelling a file, and the session's own
 * housekeeping, need nothing. RECORD is no message's: it tells the Guest the session is
 * recorded. FILES covers both directions ("files each way" is one bit today).
 */
public final class PermissionFilter {

    private PermissionFilter() {
    }

    /** The permission a type needs, or empty if it needs none. */
    public static Optional<Permission> required(DesktopType type) {
        Objects.requireNonNull(type, "type");
        // A switch expression over every type: a new type does not compile until it has a row.
        Permission needed = switch (type) {
            case UPDATE_REQUEST, LAYOUT, SCREEN_UPDATE, CURSOR_SHAPE, CURSOR_SELECT, CURSOR_POSITION -> Permission.VIEW;
            case POINTER, KEY, TEXT_INPUT -> Permission.CONTROL;
            case ANNOTATION -> Permission.ANNOTATE;
            case CHAT_LINE -> Permission.CHAT;
            case CLIPBOARD_TEXT -> Permission.CLIPBOARD;
            case FILE_OFFER, FILE_ACCEPT, FILE_RESUME, FILE_ACK, FILE_DONE, FILE_CHUNK -> Permission.FILES;
            case FILE_REFUSE, FILE_CANCEL, HELLO, PERMISSIONS_IN_FORCE, PERMISSION_REFUSED -> null;
        };
        return Optional.ofNullable(needed);
    }

    public static Optional<Permission> required(DesktopMessage message) {
        return required(message.type());
    }

    /** Whether the permissions in force let {@code message} through. */
    public static boolean allows(DesktopMessage message, Set<Permission> inForce) {
        Objects.requireNonNull(inForce, "inForce");
        return required(message).map(inForce::contains).orElse(true);
    }
}
