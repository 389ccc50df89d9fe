package io.deskside.protocol.desktop.screen;

import io.deskside.protocol.desktop.DesktopMessage;

/**
 * The Host's scaling pass: a box filter of 1/n (n = 1..4) in integer maths, so Host and tests
 * compute the same pixels. Each output pixel is the rounded mean of its n×n block per channel,
 * {@code (sum + count/2) / count}; blocks at the right and bottom edges average the pixels they
 * have. The result is ⌈W/n⌉ × ⌈H/n⌉ and always opaque: this pass sets the top byte a capture
 * source may have left unset (n = 1 does only that).
 */
public final class Downscale {

    private Downscale() {
    }

    public static Capture box(Capture source, int n) {
        if (n < 1 || n > DesktopMessage.MAX_SCALE) {
            throw new IllegalArgumentException("a scale of " + n);
        }
        int w = source.width();
        int h = source.height();
        int[] in = source.pixels();
        if (n == 1) {
            // Captures are opaque already (Capture's contract): at full scale there is nothing to do.
            return source;
        }
        int ow = (w + n - 1) / n;
        int oh = (h + n - 1) / n;
        int[] out = new int[ow * oh];
        int[] r = new int[ow];
        int[] g = new int[ow];
        int[] b = new int[ow];
        for (int oy = 0; oy < oh; oy++) {
            java.util.Arrays.fill(r, 0);
            java.util.Arrays.fill(g, 0);
            java.util.Arrays.fill(b, 0);
            int rows = Math.min(n, h - oy * n);
            for (int y = oy * n; y < oy * n + rows; y++) {
                int at = y * w;
                for (int x = 0; x < w; x++) {
                    int p = in[at + x];
                    int ox = x / n;
                    r[ox] += (p >>> 16) & 0xFF;
                    g[ox] += (p >>> 8) & 0xFF;
                    b[ox] += p & 0xFF;
                }
            }
            for (int ox = 0; ox < ow; ox++) {
                int count = rows * Math.min(n, w - ox * n);
                int half = count / 2;
                out[oy * ow + ox] = Pixels.OPAQUE | (r[ox] + half) / count << 16 | (g[ox] + half) / count << 8 | (b[ox] + half) / count;
            }
        }
        return new Capture(ow, oh, out);
    }
}
