package io.deskside.download.tunnel;

import io.deskside.gateway.host.HostCredentials;
import io.deskside.gateway.relay.SessionDirectory;
import io.deskside.gateway.tunnel.Tunnel;
import io.deskside.gateway.tunnel.TunnelDoor;
import io.deskside.gateway.relay.PeerEndpoint;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;

/**
 * Lets a Host in, over any transport: only with a valid gateway credential (see
 * {@link HostCredentials}); then its tunnel's endpoint is a help session in the making.
 */
record HostOpener(SessionDirectory directory, HostCredentials credentials, String source) implements TunnelDoor.Opener {

    @Override
    public TunnelDoor.Refusal refusal(Message.Hello hello) {
        String why = credentials.refusal(hello.credential());
        return why == null ? null : new TunnelDoor.Refusal(DisconnectReason.UNAUTHENTICATED, why);
    }

    @Override
    public PeerEndpoint open(Tunnel tunnel) {
        return directory.openHost(tunnel, source);
    }
}
