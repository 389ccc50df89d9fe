package io.deskside.edge.port;

import io.deskside.protocol.wire.Message;

/** The gateway's live tunnels, as the edge's HTTP transports need them. */
public interface TunnelRegistry {

    /** The tunnel a token names, if it is live and belongs to this role and owner; else null. */
    CarriedTunnel find(String token, Message.Role role, String owner);

    int heartbeatSeconds();

    /** The longest a transaction-mode request is held. */
    long longPollMillis();

    /** Whether a request that came through an HTTP proxy is to use transaction mode only. */
    boolean transactionOnlyWhenProxied();

    /** Runs {@code task} once, after {@code millis}, off the caller's thread. */
    void later(long millis, Runnable task);
}
