package io.deskside.persistence.queue;

/** Where a help request is in its life; see {@link HelpRequest}. */
public enum RequestState {
    WAITING, CLAIMED, CONFIRMING, CONNECTED, ENDED, DENIED, ABANDONED, EXPIRED;

    public boolean isFinal() {
        return this == ENDED || this == DENIED || this == ABANDONED || this == EXPIRED;
    }
}
