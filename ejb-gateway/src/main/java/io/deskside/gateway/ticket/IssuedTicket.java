package io.deskside.gateway.ticket;

import io.deskside.protocol.ticket.RoutingId;
import io.deskside.protocol.ticket.TicketSecret;
import java.time.Instant;

/**
 * A ticket just issued. {@code secret} is present only when the caller asked the gateway to
 * make one: it is handed out this once and not kept anywhere.
 */
public record IssuedTicket(long id, RoutingId routing, Instant issuedAt, Instant expiresAt, TicketSecret secret) {
}
