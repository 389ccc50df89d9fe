package io.deskside.host.session;

/**
 * The end user's clipboard as the technician reaches it: they may put text on it (with CLIPBOARD
 * in force), never read it. What goes the other way is the end user's "Send my clipboard".
 */
public interface LocalClipboard {

    /** The technician put {@code text} on the clipboard: put it there, and tell the end user. On a session thread. */
    void technicianPut(String text);

    /** For a session with no clipboard to reach (tests): the text goes nowhere. */
    LocalClipboard NONE = text -> {
    };
}
