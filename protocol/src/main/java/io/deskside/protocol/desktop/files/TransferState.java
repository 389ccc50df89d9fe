package io.deskside.protocol.desktop.files;

/**
 * Where a transfer stands, on either side (§7). The sender runs HASHING → OFFERED → SENDING →
 * AWAIT_DONE → DONE; the receiver OFFERED → RECEIVING → DONE. Either may end REFUSED, FAILED
 * (the SHA-256 did not match, or the store failed) or CANCELLED.
 */
public enum TransferState {
    HASHING, OFFERED, SENDING, AWAIT_DONE, RECEIVING, DONE, REFUSED, FAILED, CANCELLED;

    /** An ended transfer takes no more messages; late ones for its id are ignored for a while. */
    public boolean ended() {
        return this == DONE || this == REFUSED || this == FAILED || this == CANCELLED;
    }
}
