import java.awt.Toolkit;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;

/**
 * How long a runtime takes from the launch of its {@code java} to a first Swing window on the screen,
 * for {@code benchmarks/jlink-host.sh}. The script passes the wall-clock epoch milliseconds it read just
 * before starting the JVM; the probe prints the milliseconds from then until the window has been opened
 * and the X server has drawn it ({@code Toolkit.sync()}), then exits. Wall clock rather than the JVM's
 * own start time because that needs {@code java.management}, a module the Host does not use and a
 * jlink'd image of the Host would not have. The window is as plain as the Host's first dialog: one frame,
 * one label, default look and feel.
 */
public final class StartProbe {

    private StartProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StartProbe <launch epoch ms>");
            System.exit(2);
        }
        long launchedAt = Long.parseLong(args[0]);
        SwingUtilities.invokeLater(() -> {
            JFrame frame = new JFrame("Deskside start probe");
            frame.add(new JLabel("Deskside"));
            frame.setSize(320, 120);
            frame.addWindowListener(new WindowAdapter() {
                @Override
                public void windowOpened(WindowEvent e) {
                    Toolkit.getDefaultToolkit().sync();
                    System.out.println("window-ms " + (System.currentTimeMillis() - launchedAt));
                    frame.dispose();
                    System.exit(0);
                }
            });
            frame.setVisible(true);
        });
    }
}
