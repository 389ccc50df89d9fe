package io.deskside.gateway.queue;

/**
 * Someone told about queue changes as they commit: a technician's live queue view, or the
 * queue's own memory. Called on the committing thread: implementations hand off and return.
 */
public interface QueueSubscriber {

    void changed(QueueChange change);

    /** Who serves which service changed: visibility may have too. */
    default void staffingChanged() {
    }
}
