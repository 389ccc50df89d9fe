package io.deskside.host.ui;

import io.deskside.host.config.HostConfig;
import io.deskside.host.exit.SelfRemoval;
import io.deskside.host.input.AwtRobot;
import io.deskside.host.request.HostTunnel;
import io.deskside.host.screen.RobotCapture;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.Objects;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;

/** The Host's user interface: one window, shown on the EDT. */
public final class HostApp {

    private HostApp() {
    }

    /** Shows the Host's window on the EDT and returns; the request runs from there. */
    public static void start(HostConfig config) {
        Objects.requireNonNull(config, "config");
        SwingUtilities.invokeLater(() -> {
            // Metal's plain weights: bold everywhere reads as shouting in a window this small.
            UIManager.put("swing.boldMetal", Boolean.FALSE);
            HostDialog dialog = new HostDialog(config, new RobotCapture(), new AwtRobot(), HostTunnel.gateway());
            // The Host is its window: once it is closed, the Host removes itself and ends.
            dialog.addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    SelfRemoval.removeAndExit(0);
                }
            });
            dialog.open();
        });
    }
}
