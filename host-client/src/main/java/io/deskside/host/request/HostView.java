package io.deskside.host.request;

import io.deskside.protocol.wire.Message.Permission;
import java.net.PasswordAuthentication;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the help request shows the end user and asks them. The flow calls it on its own thread; an
 * implementation hands each call to the event dispatch thread and returns at once. Answers come
 * back through the callbacks, on any thread.
 */
public interface HostView {

    /**
     * The proxy between this computer and the help desk wants a user name and password:
     * {@code why} says so, above the two fields. {@code login} gets what the end user typed (a
     * password the request clears once it is done with it), or null if they gave up; the request
     * then opens the tunnel again through the proxy with that login.
     */
    void proxySignIn(FailureText why, Consumer<PasswordAuthentication> login);

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
