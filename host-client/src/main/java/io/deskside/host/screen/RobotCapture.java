package io.deskside.host.screen;

import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.screen.Capture;
import java.awt.AWTException;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.MultiResolutionImage;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.List;
import java.util.Objects;

/**
 * The monitors the end user shares ({@link SharedScreens}), each in its device pixels, through
 * {@link Robot}, in one picture the size of the desktop, gaps black. The robot is made at the
 * first capture, on the screen thread, so nothing touches the screen before the session starts.
 */
public final class RobotCapture implements ScreenCapture {

    /** Robot's TYPE_INT_RGB leaves alpha 0; {@link Capture} wants opaque pixels. */
    private static final int OPAQUE = 0xFF00_0000;

    private final SharedScreens screens;
    private Robot robot;
    /** The geometry of the last capture: its monitors go to the Guest with it. */
    private DesktopGeometry last = DesktopGeometry.NONE;

    /** The system's desktop. */
    public RobotCapture() {
        this(SharedScreens.SYSTEM);
    }

    public RobotCapture(SharedScreens screens) {
        this.screens = Objects.requireNonNull(screens, "screens");
    }

    @Override
    public Capture capture() {
        DesktopGeometry geometry = screens.refresh();
        if (geometry.isEmpty()) {
            throw new IllegalStateException("no screen to capture");
        }
        int[] pixels = new int[geometry.width() * geometry.height()];
        for (DesktopGeometry.Shared monitor : geometry.shared()) {
            DesktopGeometry.Screen s = monitor.screen();
            Rectangle bounds = new Rectangle(s.x(), s.y(), s.width(), s.height());
            BufferedImage image = sized(devicePixels(robot().createMultiResolutionScreenCapture(bounds)), monitor.w(), monitor.h());
            copy(image, pixels, geometry.width(), monitor.x(), monitor.y());
        }
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] |= OPAQUE;
        }
        last = geometry;
        return new Capture(geometry.width(), geometry.height(), pixels);
    }

    @Override
    public List<Layout.Monitor> monitors(Capture taken) {
        if (last.width() != taken.width() || last.height() != taken.height()) {
            return ScreenCapture.super.monitors(taken);
        }
        return last.layout();
    }

    /** One monitor's picture into the desktop's pixels (a row {@code stride} long) at (x, y). */
    private static void copy(BufferedImage image, int[] desktop, int stride, int x, int y) {
        if (!copyPacked(image, desktop, stride, y * stride + x)) {
            image.getRGB(0, 0, image.getWidth(), image.getHeight(), desktop, y * stride + x, stride);
        }
    }

    /**
     * The picture at the monitor's device size. It is that size but where the JDK scales a
     * monitor by another's factor (mixed scales on one desktop): then it is drawn to fit, so the
     * monitor is whole rather than cut or edged in black.
     */
    private static BufferedImage sized(BufferedImage image, int w, int h) {
        if (image.getWidth() == w && image.getHeight() == h) {
            return image;
        }
        BufferedImage fitted = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = fitted.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return fitted;
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

    /** The fast path: an int-per-pixel RGB raster, copied as it is, row by row. */
    private static boolean copyPacked(BufferedImage image, int[] desktop, int stride, int at) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_INT_ARGB) {
            return false;
        }
        var raster = image.getRaster();
        if (!(raster.getDataBuffer() instanceof DataBufferInt buffer) || !(raster.getSampleModel() instanceof SinglePixelPackedSampleModel model)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0 || buffer.getNumBanks() != 1) {
            return false;
        }
        int w = image.getWidth();
        int rowStride = model.getScanlineStride();
        int offset = buffer.getOffset();
        int[] data = buffer.getData();
        for (int row = 0; row < image.getHeight(); row++) {
            System.arraycopy(data, offset + row * rowStride, desktop, at + row * stride, w);
        }
        return true;
    }

    /** Makes the robot now, so the first capture does not wait for it. */
    @Override
    public void prepare() {
        robot();
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
