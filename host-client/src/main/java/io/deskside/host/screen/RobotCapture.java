package io.deskside.host.screen;

import io.deskside.protocol.desktop.screen.Capture;
import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * The primary screen, through {@link Robot}. The robot is made at the first capture, on the screen
 * thread, so nothing touches the screen before the session starts.
 */
public final class RobotCapture implements ScreenCapture {

    /** Robot's TYPE_INT_RGB leaves alpha 0; {@link Capture} wants opaque pixels. */
    private static final int OPAQUE = 0xFF00_0000;

    private Robot robot;

    @Override
    public Capture capture() {
        Rectangle bounds = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice().getDefaultConfiguration().getBounds();
        BufferedImage image = robot().createScreenCapture(bounds);
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = new int[w * h];
        if (!copyPacked(image, pixels)) {
            image.getRGB(0, 0, w, h, pixels, 0, w);
        }
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] |= OPAQUE;
        }
        return new Capture(w, h, pixels);
    }

    /** The fast path: an int-per-pixel RGB raster, copied as it is. */
    private static boolean copyPacked(BufferedImage image, int[] pixels) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_INT_ARGB) {
            return false;
        }
        var raster = image.getRaster();
        if (!(raster.getDataBuffer() instanceof DataBufferInt buffer) || !(raster.getSampleModel() instanceof SinglePixelPackedSampleModel model)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0 || buffer.getNumBanks() != 1) {
            return false;
        }
        int w = image.getWidth();
        int stride = model.getScanlineStride();
        int offset = buffer.getOffset();
        int[] data = buffer.getData();
        for (int row = 0; row < image.getHeight(); row++) {
            System.arraycopy(data, offset + row * stride, pixels, row * w, w);
        }
        return true;
    }

    private Robot robot() {
        if (robot == null) {
            try {
                robot = new Robot();
            } catch (AWTException e) {
                throw new IllegalStateException("this desktop does not allow screen capture", e);
            }
        }
        return robot;
    }
}
