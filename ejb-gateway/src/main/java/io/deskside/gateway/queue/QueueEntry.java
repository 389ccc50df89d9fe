package io.deskside.gateway.queue;

import io.deskside.persistence.queue.EndReason;
import io.deskside.persistence.queue.HelpRequest;
import io.deskside.persistence.queue.RequestState;
import java.time.Instant;

/**
 * A help request as a queue shows it to technicians. A ticket request carries the routing
 * group and the owner whose private queue it is in, the Host's address, and how many key
 * exchanges have failed with its ticket (several Hosts may wait with one ticket: the technician
 * tells the real caller by name and address); a service request the service.
 */
public record QueueEntry(long id, RequestState state, String customerName, String message,
        Long serviceId, String serviceName, String ticketRouting, Long ownerId, String ownerLogin,
        Instant askedAt, String claimedBy, String claimedByName, String sourceAddress, Integer ticketFailedTries,
        EndReason endReason) {

    public static QueueEntry of(HelpRequest r) {
        return new QueueEntry(r.id(), r.state(), r.customerName(), r.message(),
                r.service() == null ? null : r.service().id(),
                r.service() == null ? null : r.service().name(),
                r.ticket() == null ? null : r.ticket().routing(),
                r.owner() == null ? null : r.owner().id(),
                r.owner() == null ? null : r.owner().login(),
                r.askedAt(),
                r.claimedBy() == null ? null : r.claimedBy().login(),
                r.claimedBy() == null ? null : r.claimedBy().displayName(),
                r.sourceAddress(),
                r.ticket() == null ? null : r.ticket().failedTries(),
                r.endReason());
    }

    public boolean visibleTo(Viewer v) {
        return v.actor().seesEverything()
                || (ownerId != null && ownerId == v.actor().id())
                || (serviceId != null && v.services().contains(serviceId));
    }

    /**
     * Only the issuer can take a ticket request: the ticket's secret, which the session's key
     * exchange needs, is theirs alone.
     */
    public boolean claimableBy(Viewer v) {
        if (ownerId != null) {
            return ownerId == v.actor().id();
        }
        return v.actor().seesEverything() || (serviceId != null && v.services().contains(serviceId));
    }
}
