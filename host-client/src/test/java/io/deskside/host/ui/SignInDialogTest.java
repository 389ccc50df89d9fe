package io.deskside.host.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.deskside.host.request.CredentialSource.SignInPrompt.Login;
import java.awt.GraphicsEnvironment;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JComponent;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sign-in form driven as the request's thread drives it: {@code ask} from another thread,
 * the user's keys as the form's own bindings. Needs a display (the unit build is headless and
 * skips it; run it under Xvfb).
 */
class SignInDialogTest {

    private SignInDialog dialog;

    @BeforeEach
    void build() throws Exception {
        assumeFalse(GraphicsEnvironment.isHeadless(), "needs a display");
        SwingUtilities.invokeAndWait(() -> dialog = new SignInDialog(null, "Example Bank Help Desk"));
    }

    @AfterEach
    void close() throws Exception {
        if (dialog != null) {
            SwingUtilities.invokeAndWait(dialog::dispose);
        }
    }

    /** Asks from a worker thread, waits until the form shows, then lets {@code user} act on the EDT. */
    private Optional<Login> ask(String error, Runnable user) throws Exception {
        CompletableFuture<Optional<Login>> answer = CompletableFuture.supplyAsync(() -> dialog.ask(error));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!dialog.isShowing() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(dialog.isShowing(), "the form shows");
        SwingUtilities.invokeAndWait(user);
        return answer.get(10, TimeUnit.SECONDS);
    }

    private void press(String keyStroke) {
        Object name = dialog.getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).get(KeyStroke.getKeyStroke(keyStroke));
        dialog.getRootPane().getActionMap().get(name).actionPerformed(null);
    }

    @Test
    void enterAnswersWithTheUserAndPasswordAndEmptiesThePasswordField() throws Exception {
        Optional<Login> login = ask(null, () -> {
            assertFalse(dialog.error.isVisible(), "no error line on the first ask");
            dialog.user.setText(" ann ");
            dialog.password.setText("pw");
            dialog.getRootPane().getDefaultButton().doClick();
        });
        assertEquals("ann", login.orElseThrow().user());
        assertArrayEquals("pw".toCharArray(), login.orElseThrow().password());
        assertEquals(0, dialog.password.getPassword().length);
        assertEquals("Example Bank Help Desk", dialog.getTitle());
    }

    @Test
    void escapeCancels() throws Exception {
        assertEquals(Optional.empty(), ask(null, () -> {
            dialog.user.setText("ann");
            press("ESCAPE");
        }));
    }

    @Test
    void theNextAskSaysWhyAndKeepsTheUserName() throws Exception {
        ask(null, () -> {
            dialog.user.setText("ann");
            dialog.password.setText("typo");
            dialog.getRootPane().getDefaultButton().doClick();
        });
        ask("The user name or password is wrong.", () -> {
            assertTrue(dialog.error.isVisible());
            assertEquals("The user name or password is wrong.", dialog.error.getText());
            assertEquals("ann", dialog.user.getText());
            assertEquals(0, dialog.password.getPassword().length, "the password is typed again");
            press("ESCAPE");
        });
    }

    @Test
    void anEmptyUserNameIsNotAnAnswer() throws Exception {
        Optional<Login> login = ask(null, () -> {
            dialog.getRootPane().getDefaultButton().doClick();
            assertTrue(dialog.isVisible(), "still asking");
            assertEquals(SignInDialog.EMPTY_USER, dialog.error.getText());
            dialog.user.setText("bob");
            dialog.getRootPane().getDefaultButton().doClick();
        });
        assertEquals("bob", login.orElseThrow().user());
    }
}
