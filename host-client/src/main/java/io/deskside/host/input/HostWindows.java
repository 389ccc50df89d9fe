package io.deskside.host.input;

/**
 * Where the Host's own windows are, as the injector must know it: it never clicks into them, nor
 * types while one has the focus. Read on the input thread, so an implementation keeps a snapshot
 * the EDT updates.
 */
public interface HostWindows {

    /** Whether the desktop point (x, y) falls in a visible Host window. */
    boolean covers(int x, int y);

    /** Whether a Host window has the keyboard focus now (or had it a moment ago). */
    boolean focused();

    /** For a Host without windows (tests). */
    HostWindows NONE = new HostWindows() {
        @Override
        public boolean covers(int x, int y) {
            return false;
        }

        @Override
        public boolean focused() {
            return false;
        }
    };
}
