package io.deskside.host.screen;

import io.deskside.protocol.desktop.screen.Capture;
import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.MultiResolutionImage;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * The primary screen, in its device pixels, through {@link Robot}. The robot is made at the first capture, on the screen
 * thread, so nothing touches the screen before the session starts.
 */
public final class RobotCapture implements ScreenCapture {

    /** Robot's TYPE_INT_RGB leaves alpha 0; {@link Capture} wants opaque pixels. */
    private static final int OPAQUE = 0xFF00_0000;

    private Robot robot;

    @Override
    public Capture capture() {
        Rectangle bounds = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice().getDefaultConfiguration().getBounds();
        BufferedImage image = devicePixels(robot().createMultiResolutionScreenCapture(bounds));
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

    /**
     * The capture in the screen's own pixels. On a scaled desktop (HiDPI: 150 %, 200 %) the
     * plain capture is in the smaller user-space size; the technician must see what the screen
     * shows, so the largest variant is taken.
     */
    private static BufferedImage devicePixels(MultiResolutionImage capture) {
        Image largest = null;
        for (Image variant : capture.getResolutionVariants()) {
            if (largest == null || variant.getWidth(null) > largest.getWidth(null)) {
                largest = variant;
            }
        }
        if (largest instanceof BufferedImage b) {
            return b;
        }
        BufferedImage copy = new BufferedImage(largest.getWidth(null), largest.getHeight(null), BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(largest, 0, 0, null);
        return copy;
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
