package io.deskside.host.request;

import io.deskside.protocol.wire.Message.Permission;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the help request shows the end user and asks them. The flow calls it on its own thread; an
 * implementation hands each call to the event dispatch thread and returns at once. Answers come
 * back through the callbacks, on any thread.
 */
public interface HostView {

    /** The request is in the queue: STATUS(waiting). */
    void waiting();

    /**
     * A technician asks for these permissions. {@code answer} gets the permissions the end user
     * allowed (those requested that the configuration allows and the dialog showed), or null for Deny.
     */
    void confirm(String technician, Set<Permission> requested, Consumer<Set<Permission>> answer);

    /** The end user allowed access; the keys are being agreed. */
    void securing();

    /** A help service's session: show the verification code; {@code matches} gets the end user's Yes (true) or No. */
    void verify(String code, Consumer<Boolean> matches);

    /** The session runs with these permissions in force. */
    void connected(String technician, Set<Permission> inForce);

    /** A chat line from the technician. */
    void chat(String text);

    /** The technician tried something the session may not do, and the Host blocked it. */
    void blocked(Permission permission);

    /** The request or the session is over; nothing more will be called. */
    void ended(FailureText why);
}
