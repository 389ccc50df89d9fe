package io.deskside.host.ui;

import io.deskside.protocol.wire.Message.Permission;
import java.util.Set;
import java.util.StringJoiner;

/** What each permission lets the technician do, in the words the end user reads. */
public final class PermissionWords {

    private PermissionWords() {
    }

    public static String of(Permission p) {
        return switch (p) {
            case VIEW -> "see your screen";
            case CONTROL -> "use your mouse and keyboard";
            case ANNOTATE -> "point at things on your screen";
            case CHAT -> "chat with you";
            case FILES -> "send and receive files";
            case CLIPBOARD -> "use your clipboard";
            case RECORD -> "record the session";
        };
    }

    /** "see your screen, chat with you", or "nothing" for none. */
    public static String list(Set<Permission> permissions) {
        if (permissions.isEmpty()) {
            return "nothing";
        }
        StringJoiner j = new StringJoiner(", ");
        for (Permission p : Permission.values()) {
            if (permissions.contains(p)) {
                j.add(of(p));
            }
        }
        return j.toString();
    }
}
