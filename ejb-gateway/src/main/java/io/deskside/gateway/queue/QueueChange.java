package io.deskside.gateway.queue;

/** Something that changed in the queue, told to subscribers once it is committed. */
public record QueueChange(Kind kind, QueueEntry entry) {

    public enum Kind {
        /** A request started waiting. */
        ADDED,
        /** A waiting request's details changed: a key exchange failed with the ticket it waits with. */
        CHANGED,
        /** A request left the queue: claimed, expired or abandoned; {@code entry.state()} says which. */
        REMOVED
    }
}
