package io.deskside.protocol.desktop.screen;

/** A part of the Guest's framebuffer an update drew on, in framebuffer (scaled) coordinates: what to repaint. */
public record Damage(int x, int y, int w, int h) {
}
