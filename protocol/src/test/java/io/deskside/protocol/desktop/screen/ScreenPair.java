package io.deskside.protocol.desktop.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.Rect;
import io.deskside.protocol.wire.Message.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * A Host's encoder and a Guest's decoder joined as a session joins them: every request and
 * every message goes through {@link DesktopMessage#encode} and {@link DesktopMessage#decode}
 * on SCREEN, and after each update the Guest's framebuffer must equal the capture (scaled) in
 * the region asked for.
 */
final class ScreenPair implements AutoCloseable {

    final ScreenEncoder host = new ScreenEncoder();
    final ScreenDecoder guest = new ScreenDecoder(DesktopMessage.MAX_DESKTOP_PIXELS);
    private long nextRequest = 1;
    private long generation;
    /** What the last answer sent, in order (the layout, then the parts), as decoded. */
    final List<DesktopMessage> lastMessages = new ArrayList<>();
    long lastBytes;

    /** A full-screen update; returns its rects. Empty if the Host parked an incremental request. */
    List<Rect> update(Capture capture, int scale, boolean incremental) {
        return update(capture, scale, incremental, 0, 0, capture.width(), capture.height());
    }

    List<Rect> update(Capture capture, int scale, boolean incremental, int x, int y, int w, int h) {
        lastMessages.clear();
        lastBytes = 0;
        UpdateRequest request = (UpdateRequest) through(
                new UpdateRequest(nextRequest++, generation, incremental, scale, x, y, w, h), Role.GUEST);
        List<Rect> rects = new ArrayList<>();
        try {
            for (DesktopMessage m : host.answerOneMonitor(request, capture)) {
                DesktopMessage decoded = through(m, Role.HOST);
                lastMessages.add(decoded);
                if (decoded instanceof Layout l) {
                    generation = l.generation();
                } else {
                    rects.addAll(((ScreenUpdate) decoded).rects());
                }
                guest.apply(decoded);
            }
        } catch (DesktopProtocolException e) {
            fail("the Guest refused the Host's update: " + e.reason() + " " + e.getMessage());
        }
        if (!lastMessages.isEmpty()) {
            assertGuestShows(capture, scale, x, y, w, h);
        }
        return rects;
    }

    private DesktopMessage through(DesktopMessage m, Role from) {
        byte[] bytes = m.encode();
        lastBytes += bytes.length;
        try {
            DesktopMessage decoded = DesktopMessage.decode(DesktopStream.SCREEN, from, bytes);
            assertArrayEquals(bytes, decoded.encode(), "a screen message re-encodes to its bytes");
            return decoded;
        } catch (DesktopProtocolException e) {
            throw new AssertionError("a " + m.type() + " did not decode: " + e.reason() + " " + e.getMessage(), e);
        }
    }

    void assertGuestShows(Capture capture, int scale, int x, int y, int w, int h) {
        Capture expected = Downscale.box(capture, scale);
        assertEquals(expected.width(), guest.width(), "framebuffer width");
        assertEquals(expected.height(), guest.height(), "framebuffer height");
        int x0 = x / scale;
        int y0 = y / scale;
        int x1 = Math.min(expected.width(), (x + w + scale - 1) / scale);
        int y1 = Math.min(expected.height(), (y + h + scale - 1) / scale);
        int[] fb = guest.framebuffer();
        for (int row = y0; row < y1; row++) {
            int from = row * expected.width();
            int at = java.util.Arrays.mismatch(expected.pixels(), from + x0, from + x1, fb, from + x0, from + x1);
            if (at >= 0) {
                fail("the Guest differs from the capture at (" + (x0 + at) + ", " + row + ")");
            }
        }
    }

    static long count(List<Rect> rects, Rect.Encoding encoding) {
        return rects.stream().filter(r -> r.encoding() == encoding).count();
    }

    List<ScreenUpdate> lastParts() {
        return lastMessages.stream().filter(m -> m instanceof ScreenUpdate).map(m -> (ScreenUpdate) m).toList();
    }

    @Override
    public void close() {
        host.close();
        guest.close();
    }
}
