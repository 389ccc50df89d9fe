package io.deskside.host.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.screen.DesktopGeometry;
import io.deskside.host.screen.DesktopGeometry.Screen;
import io.deskside.host.screen.SharedScreens;
import io.deskside.protocol.wire.Message.Permission;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * The end user's choice of screens in the connected window, over made-up screens: the panel's
 * components are lightweight, so this runs headless too.
 */
class SharingPanelScreensTest {

    private static final Screen LEFT = new Screen(":0.0", 0, 0, 1280, 800, 1, 1, true);
    private static final Screen RIGHT = new Screen(":0.1", 1280, 0, 1024, 768, 1, 1, false);

    private final List<Screen> plugged = new CopyOnWriteArrayList<>(List.of(RIGHT, LEFT));
    private final SharedScreens screens = new SharedScreens(() -> List.copyOf(plugged));

    private static List<String> items(SharingPanel p) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.shareChoice.getItemCount(); i++) {
            out.add(p.shareChoice.getItemAt(i));
        }
        return out;
    }

    @Test
    void withTwoScreensTheRowOffersAllOrEachAndStartsAtAll() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            SharingPanel p = new SharingPanel("Help", screens);
            p.connected("Ada", Set.of(Permission.VIEW), null);
            assertTrue(p.shareRow.isVisible());
            assertEquals(List.of("All screens", "Screen 1 (main)", "Screen 2"), items(p));
            assertEquals(0, p.shareChoice.getSelectedIndex());
            assertEquals(DesktopGeometry.ALL, screens.choice());
            assertEquals(KeyEvent.VK_S, p.shareLabel.getDisplayedMnemonic(), "Alt+S reaches it");
            assertSame(p.shareChoice, p.shareLabel.getLabelFor());
        });
    }

    @Test
    void choosingAScreenSharesItAloneAndAllAgainSharesAll() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            SharingPanel p = new SharingPanel("Help", screens);
            p.connected("Ada", Set.of(Permission.VIEW), null);
            p.shareChoice.setSelectedIndex(2);
            assertEquals(2, screens.choice());
            assertEquals(1024, screens.geometry().width(), "screen 2 alone");
            p.shareChoice.setSelectedIndex(0);
            assertEquals(2304, screens.geometry().width(), "both again");
        });
    }

    @Test
    void withOneScreenOrWithoutViewTheRowIsHidden() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            SharingPanel p = new SharingPanel("Help", screens);
            p.connected("Ada", Set.of(Permission.CHAT), null);
            assertFalse(p.shareRow.isVisible(), "nothing is shared without VIEW");
            plugged.remove(RIGHT);
            p.connected("Ada", Set.of(Permission.VIEW), null);
            assertFalse(p.shareRow.isVisible(), "one screen: nothing to choose");
        });
    }
}
