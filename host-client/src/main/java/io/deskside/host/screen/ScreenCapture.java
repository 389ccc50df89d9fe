package io.deskside.host.screen;

import io.deskside.protocol.desktop.screen.Capture;

/** Takes a picture of the shared desktop, pixels {@code 0xFFRRGGBB}. Called on the screen thread only. */
public interface ScreenCapture {

    Capture capture();
}
