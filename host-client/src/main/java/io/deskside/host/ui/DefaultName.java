package io.deskside.host.ui;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name a help request carries when the end user types none: {@code <user.name>@<computer>}.
 * Finding the computer's name may wait on DNS, so it is looked up off the EDT.
 */
final class DefaultName {

    private DefaultName() {
    }

    /** The user's login name alone, known at once. */
    static String user() {
        return System.getProperty("user.name", "");
    }

    /** {@code user@computer}; may block on a name lookup. */
    static String lookUp() {
        String computer = System.getenv("COMPUTERNAME");
        if (computer == null || computer.isBlank()) {
            try {
                computer = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                computer = "";
            }
        }
        return computer.isBlank() ? user() : user() + "@" + computer;
    }
}
