package io.deskside.protocol.desktop.screen;

import static io.deskside.protocol.desktop.screen.ScreenPair.count;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.desktop.Rect;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScrollTest {

    private static final int W = 1920;
    private static final int H = 1080;
    private static final int DOC_H = 4000;

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {1, 17, 300, -1, -17, -300})
    void scrolledTextTravelsAsCopiesWhileTheScrollbarAndSidebarChange(int rows) {
        int docW = W - 116;
        int[] doc = Pictures.document(docW, DOC_H, 11);
        int start = 1000;
        try (ScreenPair pair = new ScreenPair()) {
            pair.update(Pictures.viewport(doc, docW, DOC_H, start, W, H), 1, false);
            long fullBytes = pair.lastBytes;
            List<Rect> rects = pair.update(Pictures.viewport(doc, docW, DOC_H, start + rows, W, H), 1, true);
            assertTrue(count(rects, Rect.Encoding.COPY) >= 1, "no COPY among " + rects.size() + " rects");
            long copied = rects.stream().filter(r -> r.encoding() == Rect.Encoding.COPY).mapToLong(r -> (long) r.w() * r.h()).sum();
            assertTrue(copied > (long) (docW - 128) * (H - Math.abs(rows) - 128), "copied only " + copied + " pixels");
            assertTrue(pair.lastBytes < fullBytes / 3, "a scroll cost " + pair.lastBytes + " bytes; the full screen " + fullBytes);
        }
    }
}
