/**
 * What the gateway (the EJB jar) may use of the edge, and nothing else of it: the interfaces its
 * tunnels implement for the edge's transports ({@link io.deskside.edge.port.CarriedTunnel},
 * {@link io.deskside.edge.port.TunnelRegistry}, ...), and plain values (a peer's address, the
 * credential a sign-in carries). The edge lives in the EAR's library, which cannot see the EJB
 * jar on every server; so the edge never names a gateway class, and the WARs, which see both,
 * hand gateway objects to the edge typed as these ports. Nothing here touches the servlet or
 * WebSocket APIs.
 */
package io.deskside.edge.port;
