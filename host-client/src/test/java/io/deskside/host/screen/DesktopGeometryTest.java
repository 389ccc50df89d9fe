package io.deskside.host.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.screen.DesktopGeometry.Screen;
import io.deskside.host.screen.DesktopGeometry.Shared;
import io.deskside.protocol.desktop.DesktopMessage.Layout;
import io.deskside.protocol.desktop.DesktopMessage.Layout.Monitor;
import java.awt.Point;
import java.awt.Rectangle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared desktop from made-up monitor lists, as Java would tell them: no display needed. */
class DesktopGeometryTest {

    private static Screen screen(String id, int x, int y, int w, int h, double scale, boolean primary) {
        return new Screen(id, x, y, w, h, scale, scale, primary);
    }

    private static final Screen FULL_HD = screen(":0.0", 0, 0, 1920, 1080, 1, true);

    @Test
    void oneMonitorIsTheWholeDesktop() {
        DesktopGeometry g = DesktopGeometry.of(List.of(FULL_HD), DesktopGeometry.ALL);
        assertEquals(1920, g.width());
        assertEquals(1080, g.height());
        assertEquals(List.of(new Monitor(0, 0, 1920, 1080, true)), g.layout());
        assertEquals(new Point(100, 200), g.toUser(100, 200));
        assertEquals(new PointerSource.At(100, 200), g.toDesktop(":0.0", 100, 200));
        assertNull(g.toUser(1920, 5), "past the right edge");
    }

    @Test
    void oneScaledMonitorIsInItsDevicePixels() {
        DesktopGeometry g = DesktopGeometry.of(List.of(screen("a", 0, 0, 640, 400, 2, true)), DesktopGeometry.ALL);
        assertEquals(List.of(new Monitor(0, 0, 1280, 800, true)), g.layout());
        assertEquals(new PointerSource.At(800, 600), g.toDesktop("a", 400, 300));
        assertEquals(new PointerSource.At(1278, 798), g.toDesktop("a", 639, 399));
        assertNull(g.toDesktop("a", 640, 10), "off the screen");
        assertEquals(new Point(200, 150), g.toUser(400, 300));
        assertEquals(new Point(639, 399), g.toUser(1279, 799), "the last pixel is the last user-space point");
        assertEquals(2.0, g.scale());
        DesktopGeometry at150 = DesktopGeometry.of(List.of(screen("b", 0, 0, 1280, 720, 1.5, true)), DesktopGeometry.ALL);
        assertEquals(List.of(new Monitor(0, 0, 1920, 1080, true)), at150.layout());
        assertEquals(new PointerSource.At(958, 0), at150.toDesktop("b", 639, 0));
        assertEquals(new Point(100, 50), at150.toUser(150, 75));
    }

    @Test
    void twoMonitorsSideBySideKeepTheirArrangementAndTheRightOneMapsToItsOwnUserSpace() {
        Screen right = screen(":0.1", 1920, 0, 1280, 1024, 1, false);
        DesktopGeometry g = DesktopGeometry.of(List.of(right, FULL_HD), DesktopGeometry.ALL);
        assertEquals(3200, g.width());
        assertEquals(1080, g.height());
        assertEquals(List.of(new Monitor(0, 0, 1920, 1080, true), new Monitor(1920, 0, 1280, 1024, false)), g.layout());
        assertEquals(new Point(1920 + 10, 20), g.toUser(1930, 20));
        assertNull(g.toUser(2000, 1050), "the black gap under the smaller monitor");
        assertEquals(new PointerSource.At(1930, 20), g.toDesktop(":0.1", 1930, 20));
        assertEquals(List.of(1, 2), g.shared().stream().map(Shared::number).toList(), "numbered left to right");
    }

    @Test
    void stackedMonitorsAreOneAboveTheOther() {
        Screen above = screen("top", 0, -900, 1600, 900, 1, false);
        DesktopGeometry g = DesktopGeometry.of(List.of(FULL_HD, above), DesktopGeometry.ALL);
        assertEquals(1920, g.width());
        assertEquals(1980, g.height());
        assertEquals(List.of(new Monitor(0, 0, 1600, 900, false), new Monitor(0, 900, 1920, 1080, true)), g.layout());
        assertEquals(new Point(5, 0), g.toUser(5, 900), "the primary's top-left is below the other");
        assertEquals(new Point(5, -900), g.toUser(5, 0));
        assertEquals(new PointerSource.At(5, 900), g.toDesktop(null, 5, 0));
    }

    @Test
    void aMonitorLeftOfThePrimaryWithNegativeUserSpaceBecomesTheDesktopsOrigin() {
        Screen left = screen("left", -1280, 100, 1280, 1024, 1, false);
        DesktopGeometry g = DesktopGeometry.of(List.of(FULL_HD, left), DesktopGeometry.ALL);
        assertEquals(List.of(new Monitor(0, 100, 1280, 1024, false), new Monitor(1280, 0, 1920, 1080, true)), g.layout());
        assertEquals(3200, g.width());
        assertEquals(1124, g.height());
        assertEquals(new Point(-1280, 100), g.toUser(0, 100));
        assertEquals(new Point(0, 0), g.toUser(1280, 0));
        assertNull(g.toUser(0, 50), "the gap above the lower monitor");
        assertEquals(new PointerSource.At(10, 110), g.toDesktop("left", -1270, 10 + 100));
        assertEquals(List.of(1, 2), g.shared().stream().map(Shared::number).toList(), "the left one is screen 1");
    }

    @Test
    void mixedScalesAsWindowsTellsThemLandWhereTheScreenIsAndTheOverlappingUserSpaceGoesByDevice() {
        // Windows: a 200 % monitor right of a 100 % primary starts at device x 1920, told as 1920 / 2.
        Screen hiDpi = screen("\\\\.\\DISPLAY2", 960, 0, 1920, 1080, 2, false);
        Screen primary = screen("\\\\.\\DISPLAY1", 0, 0, 1920, 1080, 1, true);
        DesktopGeometry g = DesktopGeometry.of(List.of(primary, hiDpi), DesktopGeometry.ALL);
        assertEquals(List.of(new Monitor(0, 0, 1920, 1080, true), new Monitor(1920, 0, 3840, 2160, false)), g.layout());
        assertNoOverlap(g);
        assertEquals(new Point(960 + 50, 25), g.toUser(1920 + 100, 50), "halved on the 200 % monitor");
        assertEquals(new PointerSource.At(1920 + 100, 50), g.toDesktop("\\\\.\\DISPLAY2", 1010, 25));
        assertEquals(new PointerSource.At(1010, 25), g.toDesktop("\\\\.\\DISPLAY1", 1010, 25), "the same user point on the primary");
    }

    @Test
    void mixedScalesToldInPointsAreMovedApartRatherThanOverlap() {
        // macOS: a Retina primary (2.0) of 1440 x 900 points, an external 1.0 monitor right of it and one below.
        Screen retina = screen("retina", 0, 0, 1440, 900, 2, true);
        Screen external = screen("external", 1440, 0, 1920, 1080, 1, false);
        Screen below = screen("below", 0, 900, 1280, 1024, 1, false);
        DesktopGeometry g = DesktopGeometry.of(List.of(external, retina, below), DesktopGeometry.ALL);
        assertNoOverlap(g);
        Shared placedExternal = g.shared().stream().filter(s -> s.screen().equals(external)).findFirst().orElseThrow();
        Shared placedBelow = g.shared().stream().filter(s -> s.screen().equals(below)).findFirst().orElseThrow();
        assertEquals(2880, placedExternal.x(), "right of the Retina's device width");
        assertEquals(0, placedExternal.y());
        assertEquals(0, placedBelow.x());
        assertEquals(1800, placedBelow.y(), "under the Retina's device height");
        assertEquals(new Point(1440 + 5, 7), g.toUser(2880 + 5, 7));
        assertEquals(new PointerSource.At(2880 + 5, 7), g.toDesktop("external", 1445, 7));
    }

    @Test
    void choosingOneScreenSharesOnlyItAtTheOriginAsThePrimary() {
        Screen right = screen(":0.1", 1920, 0, 1280, 1024, 1, false);
        DesktopGeometry second = DesktopGeometry.of(List.of(FULL_HD, right), 2);
        assertEquals(List.of(new Monitor(0, 0, 1280, 1024, true)), second.layout(), "exactly one primary: the only one shared");
        assertEquals(2, second.choice());
        assertEquals(new Point(1920, 0), second.toUser(0, 0));
        assertNull(second.toDesktop(":0.0", 100, 100), "the pointer on the unshared screen is nowhere");
        assertEquals(2, second.screens().size(), "every screen is still listed to choose from");
        DesktopGeometry first = DesktopGeometry.of(List.of(FULL_HD, right), 1);
        assertEquals(List.of(new Monitor(0, 0, 1920, 1080, true)), first.layout());
        assertNull(first.toUser(1920, 0), "nothing right of the chosen screen");
    }

    @Test
    void aChosenScreenThatIsGoneSharesThePrimaryAloneNeverMore() {
        Screen right = screen(":0.1", 1920, 0, 1280, 1024, 1, false);
        DesktopGeometry g = DesktopGeometry.of(List.of(right, FULL_HD), 3);
        assertEquals(List.of(new Monitor(0, 0, 1920, 1080, true)), g.layout());
        assertEquals(1, g.choice(), "what is shared in the end: screen 1, the primary");
    }

    @Test
    void withoutAPrimaryAmongTheSharedTheFirstIsPrimary() {
        Screen a = screen("a", 0, 0, 800, 600, 1, false);
        Screen b = screen("b", 800, 0, 800, 600, 1, false);
        List<Layout.Monitor> layout = DesktopGeometry.of(List.of(b, a), DesktopGeometry.ALL).layout();
        assertEquals(List.of(new Monitor(0, 0, 800, 600, true), new Monitor(800, 0, 800, 600, false)), layout);
    }

    @Test
    void aMirroredMonitorIsCountedOnce() {
        Screen mirror = screen(":0.1", 0, 0, 1920, 1080, 1, false);
        DesktopGeometry g = DesktopGeometry.of(List.of(mirror, FULL_HD), DesktopGeometry.ALL);
        assertEquals(1, g.screens().size());
        assertTrue(g.screens().get(0).primary(), "the primary one is kept");
        assertEquals(List.of(new Monitor(0, 0, 1920, 1080, true)), g.layout());
    }

    @Test
    void allScreensBeyondWhatTheProtocolCarriesShareThePrimaryAlone() {
        Screen wide = screen("wide", 1920, 0, 15000, 1000, 1, false);
        DesktopGeometry g = DesktopGeometry.of(List.of(FULL_HD, wide), DesktopGeometry.ALL);
        assertEquals(List.of(new Monitor(0, 0, 1920, 1080, true)), g.layout());
        assertEquals(1, g.choice());
    }

    @Test
    void noScreenSharesNothing() {
        DesktopGeometry g = DesktopGeometry.of(List.of(), DesktopGeometry.ALL);
        assertTrue(g.isEmpty());
        assertNull(g.toUser(0, 0));
        assertNull(g.toDesktop(null, 0, 0));
        assertEquals(1.0, g.scale());
    }

    @Test
    void aScaledMonitorTouchingAnotherInPointsTouchesItOnTheDesktopWithoutABlackBand() {
        // macOS: a 200 % external monitor right of a 100 % primary, at 1920 points (its own scale would say 3840).
        Screen retina = screen("retina", 1920, 0, 1280, 720, 2, false);
        DesktopGeometry g = DesktopGeometry.of(List.of(FULL_HD, retina), DesktopGeometry.ALL);
        assertEquals(List.of(new Monitor(0, 0, 1920, 1080, true), new Monitor(1920, 0, 2560, 1440, false)), g.layout());
        assertEquals(4480, g.width());
        assertEquals(new Point(1920 + 50, 0), g.toUser(1920 + 100, 0));
    }

    @Test
    void aWindowCoversTheDesktopRectanglesOfEachSharedMonitorItIsOn() {
        Screen hiDpi = screen("hi", 1920, 0, 1280, 720, 2, false);
        DesktopGeometry g = DesktopGeometry.of(List.of(FULL_HD, hiDpi), DesktopGeometry.ALL);
        List<Rectangle> covered = g.toDesktop(new Rectangle(1900, 10, 40, 20));
        assertEquals(List.of(new Rectangle(1900, 10, 20, 20), new Rectangle(1920, 20, 40, 40)), covered);
        assertEquals(List.of(), DesktopGeometry.of(List.of(FULL_HD, hiDpi), 1).toDesktop(new Rectangle(2000, 0, 10, 10)),
                "on a screen not shared");
    }

    @Test
    void theUsersChoiceAndAChangedMonitorGiveANewGeometryAndTheSameOneOtherwise() {
        Screen right = screen(":0.1", 1920, 0, 1280, 1024, 1, false);
        List<Screen> plugged = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(FULL_HD, right));
        SharedScreens shared = new SharedScreens(() -> List.copyOf(plugged));
        DesktopGeometry all = shared.geometry();
        assertEquals(2, all.shared().size());
        assertTrue(all == shared.refresh(), "nothing changed: the same value, readers keep theirs");
        shared.choose(2);
        assertEquals(2, shared.choice());
        assertEquals(List.of(new Monitor(0, 0, 1280, 1024, true)), shared.geometry().layout());
        plugged.remove(right);
        assertEquals(List.of(new Monitor(0, 0, 1920, 1080, true)), shared.refresh().layout(), "screen 2 unplugged: the primary alone");
        assertEquals(1, shared.choice());
        plugged.add(right);
        assertEquals(List.of(new Monitor(0, 0, 1280, 1024, true)), shared.refresh().layout(), "plugged back: the choice holds again");
        shared.choose(DesktopGeometry.ALL);
        assertEquals(3200, shared.geometry().width());
    }

    private static void assertNoOverlap(DesktopGeometry g) {
        List<Shared> s = g.shared();
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                Shared a = s.get(i);
                assertFalse(a.overlaps(s.get(j).x(), s.get(j).y(), s.get(j).w(), s.get(j).h()), a + " overlaps " + s.get(j));
            }
        }
    }
}
