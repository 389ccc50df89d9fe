package io.deskside.host.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import org.junit.jupiter.api.Test;

/** The annotation's geometry; its windows need a display and are tried under Xvfb. */
class AnnotationPointerTest {

    @Test
    void theArrowIsAbout32By40WithItsTipAtTheOrigin() {
        Path2D arrow = AnnotationPointer.arrow();
        Rectangle bounds = arrow.getBounds();
        assertEquals(0, bounds.x);
        assertEquals(0, bounds.y);
        assertTrue(bounds.width >= 26 && bounds.width <= 34, "width " + bounds.width);
        assertEquals(40, bounds.height);
        assertTrue(arrow.contains(2, 10), "the shaft, just right of the left edge");
        assertTrue(arrow.contains(17, 37), "the tail");
        assertFalse(arrow.contains(25, 5), "open above the right wing");
        assertFalse(arrow.contains(3, 38), "open below the left edge's end");
    }

    @Test
    void thePulseIsARingAroundTheSpot() {
        int side = 82;
        Area ring = AnnotationPointer.ring(30, side);
        assertFalse(ring.contains(41, 41), "open in the middle");
        assertTrue(ring.contains(41 + 28, 41), "on the ring");
        assertFalse(ring.contains(41 + 32, 41), "nothing outside it");
        assertTrue(AnnotationPointer.ring(40, side).getBounds().width <= side, "the largest ring fits its window");
    }
}
