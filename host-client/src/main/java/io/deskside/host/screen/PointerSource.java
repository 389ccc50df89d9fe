package io.deskside.host.screen;

/**
 * Where the end user's mouse pointer is on the shared desktop, as {@link CursorService} polls it:
 * {@link MousePointer} in the Host, a fake in tests.
 */
public interface PointerSource {

    /** A point of the shared desktop, in its device pixels (the capture's). */
    record At(int x, int y) {
    }

    /** Where the pointer is now, or null if it is not on the shared desktop (another screen) or cannot be told. */
    At where();

    /** The desktop's scale (2 at 200 %): the cursor is drawn this much larger, as the screen draws its own. */
    default double scale() {
        return 1;
    }

    /** For a desktop whose pointer is never known (tests of other things). */
    PointerSource NONE = () -> null;
}
