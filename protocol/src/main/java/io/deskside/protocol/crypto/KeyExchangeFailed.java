package io.deskside.protocol.crypto;

/**
 * The end-to-end key exchange did not produce a shared key: the other side used another ticket
 * secret, or someone in between changed a message. Either way the session must not start, and
 * the ticket is burned.
 */
public final class KeyExchangeFailed extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyExchangeFailed(String message) {
        super(message, null, false, false);
    }
}
