package io.deskside.host.screen;

import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.screen.Capture;
import java.util.List;

/** Takes a picture of the shared desktop, pixels {@code 0xFFRRGGBB}. Called on the screen thread only. */
public interface ScreenCapture {

    Capture capture();

    /**
     * Gets ready to capture without capturing (the session just started: the first request is on
     * its way). On the screen thread, before the first {@link #capture}.
     */
    default void prepare() {
    }

    /**
     * The monitors in {@code taken}, the last capture, in its pixels, exactly one primary: the
     * layout the Guest is told. One monitor the size of the capture unless the capture knows better.
     */
    default List<Layout.Monitor> monitors(Capture taken) {
        return List.of(new Layout.Monitor(0, 0, taken.width(), taken.height(), true));
    }
}
