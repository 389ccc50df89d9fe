package io.deskside.protocol.desktop.screen;

import java.util.Objects;

/**
 * One frame of the Host's desktop, or of its framebuffer at a scale: {@code width × height}
 * pixels {@code 0xFFRRGGBB}, row by row. The array is not copied: whoever hands a capture over
 * no longer changes it.
 */
public record Capture(int width, int height, int[] pixels) {

    public Capture {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a capture of " + width + "x" + height);
        }
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " capture with " + pixels.length + " pixels");
        }
    }
}
