package io.deskside.protocol.desktop.screen;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.CursorPosition;
import io.deskside.protocol.desktop.DesktopMessage.CursorSelect;
import io.deskside.protocol.desktop.DesktopMessage.CursorShape;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopProtocolException.Reason;
import java.util.Optional;

/**
 * The Guest's half of the cursor: the {@link DesktopMessage#CURSOR_SLOTS} shapes the Host
 * defined, which one is selected, where the Host's pointer is and whether it shows. The Host
 * sends a shape once ({@link CursorShape} defines a slot and selects it) and then only selects
 * it again, so a pointer that goes back and forth between an arrow and an I-beam costs two
 * bytes a change. The CURSOR stream is ordered, so a select of a slot no shape defined is the
 * peer's fault: {@link Reason#BAD_STATE}, and the session ends.
 *
 * <p>A position is in desktop coordinates, as the {@code Layout}'s width and height measure
 * them. It is <em>clamped</em> to the desktop the Guest knows, never refused: the Layout
 * travels on SCREEN and the position on CURSOR, each decoded on its own thread, so a position
 * sent before the Host's desktop shrank can honestly arrive after the smaller Layout. The
 * clamp is applied when the position is read, so the order in which {@link #layout} and
 * {@link #apply} ran does not matter. Before any layout the position is shown as sent.
 *
 * <p>Nothing shows until a position says visible and a shape is selected. The memory is
 * bounded by the slots: 32 shapes of at most 128×128 ARGB, 2 MiB. The shapes' pixel arrays are
 * the messages' own (never changed, as every desktop message's arrays). One cache lives as long
 * as one sealed channel. Not thread-safe: the Guest's cursor thread owns it.
 */
public final class CursorCache {

    private final CursorShape[] slots = new CursorShape[DesktopMessage.CURSOR_SLOTS];
    private CursorShape selected;
    private int x;
    private int y;
    private boolean visible;
    private int desktopWidth;
    private int desktopHeight;

    /** Takes a {@link CursorShape}, {@link CursorSelect} or {@link CursorPosition}; other messages are not the cursor's. */
    public void apply(DesktopMessage message) throws DesktopProtocolException {
        if (message instanceof CursorShape shape) {
            slots[shape.slot()] = shape;
            selected = shape;
        } else if (message instanceof CursorSelect select) {
            CursorShape shape = slots[select.slot()];
            if (shape == null) {
                throw new DesktopProtocolException(Reason.BAD_STATE, "a select of cursor slot " + select.slot() + ", which no shape defined");
            }
            selected = shape;
        } else if (message instanceof CursorPosition position) {
            x = position.x();
            y = position.y();
            visible = position.visible();
        } else {
            throw new IllegalArgumentException("not a cursor message: " + message.type());
        }
    }

    /** The desktop's size from the {@code Layout} the Guest applied last: positions are clamped inside it. */
    public void layout(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a desktop of " + width + "x" + height);
        }
        desktopWidth = width;
        desktopHeight = height;
    }

    /** The selected shape (its pixels, size and hot spot), or empty before the first shape. */
    public Optional<CursorShape> shape() {
        return Optional.ofNullable(selected);
    }

    /** Whether the Guest paints a cursor: a position said visible and a shape is selected. */
    public boolean shown() {
        return visible && selected != null;
    }

    /** Where the hot spot is, in desktop coordinates, inside the last layout. */
    public int x() {
        return desktopWidth == 0 ? x : Math.min(x, desktopWidth - 1);
    }

    public int y() {
        return desktopHeight == 0 ? y : Math.min(y, desktopHeight - 1);
    }

    /** The last position's visible flag, whether or not a shape is selected yet. */
    public boolean visible() {
        return visible;
    }
}
