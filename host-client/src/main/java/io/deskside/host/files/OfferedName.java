package io.deskside.host.files;

import io.deskside.protocol.desktop.FileName;

/**
 * The name a local file is offered under. Most names are already a {@link FileName}; the rest
 * (a colon, a trailing dot, a Windows device name, too long) are mended rather than refused, so
 * the end user can send any file they can pick.
 */
final class OfferedName {

    private OfferedName() {
    }

    static FileName of(String local) {
        try {
            return new FileName(local);
        } catch (RuntimeException e) {
            return mended(local);
        }
    }

    private static FileName mended(String local) {
        StringBuilder b = new StringBuilder();
        local.codePoints().forEach(cp -> b.appendCodePoint(
                Character.isISOControl(cp) || cp == '/' || cp == '\\' || cp == ':' || Character.getType(cp) == Character.SURROGATE ? '_' : cp));
        String s = b.toString().replaceAll("^[ .]+|[ .]+$", "");
        s = io.deskside.host.session.OutgoingText.fit(s, FileName.MAX_BYTES - 1);
        s = s.replaceAll("[ .]+$", "");
        try {
            return new FileName(s);
        } catch (RuntimeException e) {
            try {
                return new FileName("_" + s); // a device name, or nothing left
            } catch (RuntimeException again) {
                return new FileName("file");
            }
        }
    }
}
