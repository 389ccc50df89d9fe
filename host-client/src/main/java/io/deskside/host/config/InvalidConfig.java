package io.deskside.host.config;

/**
 * A {@code host-config.xml} that cannot be used, with a message naming the element or value that
 * is wrong. The end user never sees the message (the Host says it is damaged); the help desk and
 * the download issue do.
 */
public final class InvalidConfig extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidConfig(String message) {
        super(message);
    }

    public InvalidConfig(String message, Throwable cause) {
        super(message, cause);
    }
}
