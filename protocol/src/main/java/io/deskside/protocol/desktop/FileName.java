package io.deskside.protocol.desktop;

import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import java.util.Locale;
import java.util.Set;

/**
 * The name a file is offered under: what the receiver shows and, once accepted, the name it
 * saves under in a folder of its choosing. It is one plain name that is safe to create on
 * Windows, macOS and Linux alike, so the receiver never has to second-guess it: 1 to 255 bytes
 * of UTF-8; no path separators or drive colon ({@code / \ :}); no control characters; not
 * {@code .} or {@code ..}; no leading or trailing space or dot (Windows drops them, which would
 * make two names one); and not a Windows device name ({@code CON PRN AUX NUL COM1-9 LPT1-9}),
 * with or without an extension, in any case.
 */
public record FileName(String value) {

    public static final int MAX_BYTES = DesktopMessage.MAX_FILE_NAME_BYTES;

    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    public FileName {
        TextRule.NO_CONTROLS.check("a file name", value, 1, MAX_BYTES);
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidField(Reason.MALFORMED, "a file name " + problem);
        }
    }

    private static String problem(String v) {
        if (v.chars().anyMatch(c -> c == '/' || c == '\\' || c == ':')) {
            return "holds a path separator or a colon";
        }
        if (v.equals(".") || v.equals("..")) {
            return "names a directory";
        }
        char first = v.charAt(0);
        char last = v.charAt(v.length() - 1);
        if (first == ' ' || first == '.' || last == ' ' || last == '.') {
            return "starts or ends with a space or a dot";
        }
        int dot = v.indexOf('.');
        // Windows ignores spaces before the extension too: "NUL .txt" is the device.
        String base = (dot < 0 ? v : v.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
        if (DEVICES.contains(base)) {
            return "is a Windows device name";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
