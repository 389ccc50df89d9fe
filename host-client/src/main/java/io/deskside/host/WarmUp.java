package io.deskside.host;

import io.deskside.protocol.crypto.SelfCheck;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.screen.Capture;
import io.deskside.protocol.desktop.screen.ScreenEncoder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * While the end user reads the window and types, a low-priority thread runs the self-check (both
 * key exchanges, on made-up secrets) and sends a made-up full-HD screen through the encoder a few
 * times. The first session's J-PAKE and first full frame then run compiled code, not the
 * interpreter (Allow to the technician's first full frame: host-plan §7.1). It starts once the
 * window is on the screen, so it does not slow the window down; nothing of the end user's is touched.
 */
public final class WarmUp {

    /** Encodes of the made-up screen: enough for the JIT to compile the encoder's loops. */
    static final int ENCODES = 8;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private WarmUp() {
    }

    /** Starts the warm-up once per process; later calls do nothing. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                SelfCheck.run();
                encodeAMadeUpScreen();
            } catch (RuntimeException | LinkageError e) {
                Logger.getLogger(WarmUp.class.getName()).log(Level.FINE, "the warm-up failed", e);
            }
        }, "deskside-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** A full-HD screen of gradients and text-like noise: a full answer, then updates of a changing band. */
    private static void encodeAMadeUpScreen() {
        int w = 1920;
        int h = 1080;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = 0xFF000000 | ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | (((x ^ y) & 7) == 0 ? 0xFF : 0x40);
            }
        }
        try (ScreenEncoder encoder = new ScreenEncoder()) {
            for (int i = 0; i < ENCODES; i++) {
                encoder.answerOneMonitor(new UpdateRequest(i + 1, 0, false, 1, 0, 0, w, h), new Capture(w, h, px.clone()));
                for (int j = 0; j < w * 40; j++) {
                    px[(100 + 97 * i) * w + j] ^= 0x00FFFFFF;
                }
            }
        }
    }
}
