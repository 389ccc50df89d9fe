package io.deskside.protocol.desktop.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.ScreenUpdate;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.Rect;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopyRectTest {

    @ParameterizedTest(name = "from ({4},{5}) to ({0},{1})")
    @CsvSource({"2,0,20,10,2,3", "2,3,20,10,2,0", "0,1,30,12,1,0", "1,0,30,12,0,1", "5,5,10,10,3,3"})
    void anOverlappingCopyMovesAsIfThroughABuffer(int x, int y, int w, int h, int srcX, int srcY) throws DesktopProtocolException {
        int side = 32;
        byte[] rgb = new byte[side * side * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 31 + i / 7);
        }
        try (ScreenDecoder guest = new ScreenDecoder(1 << 20)) {
            guest.apply(new Layout(1, side, side, List.of(new Layout.Monitor(0, 0, side, side, true))));
            guest.apply(new ScreenUpdate(1, 1, 1, 0, true, true, List.of(new Rect.Raw(0, 0, side, side, rgb))));
            int[] before = guest.framebuffer().clone();
            int[] expected = before.clone();
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    expected[(y + row) * side + x + col] = before[(srcY + row) * side + srcX + col];
                }
            }
            guest.apply(new ScreenUpdate(2, 1, 1, 0, true, false, List.of(new Rect.Copy(x, y, w, h, srcX, srcY))));
            assertArrayEquals(expected, guest.framebuffer());
        }
    }
}
