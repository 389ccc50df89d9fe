package io.deskside.host.session;

import io.deskside.protocol.desktop.DesktopMessage.Annotation;

/**
 * Where the technician's marks go on the end user's screen (with ANNOTATE in force): the Host
 * draws a pointer where the technician points, so that both see the same spot.
 */
public interface Annotations {

    /** The technician points, pulses or stops pointing. On the input stream's thread: hand it on, never wait. */
    void show(Annotation annotation);

    /** The session ended: nothing of the technician's stays on the screen. */
    void sessionEnded();

    /** For a desktop that draws nothing (tests, a Host without a screen to draw on). */
    Annotations NONE = new Annotations() {
        @Override
        public void show(Annotation annotation) {
        }

        @Override
        public void sessionEnded() {
        }
    };
}
