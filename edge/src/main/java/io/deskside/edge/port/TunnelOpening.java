package io.deskside.edge.port;

import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;

/** Opens or resumes the tunnel a hello asks for, on a transport; null when refused (the transport was told why). */
@FunctionalInterface
public interface TunnelOpening {

    CarriedTunnel open(Transport transport, Message.Hello hello, boolean transactionOnly) throws ProtocolException;
}
