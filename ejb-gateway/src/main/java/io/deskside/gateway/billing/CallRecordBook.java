package io.deskside.gateway.billing;

import io.deskside.persistence.billing.CallRecord;
import io.deskside.persistence.queue.HelpRequest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Keeps each help request's call record in step with it, inside the transaction that moves the
 * request, so the billing record and the request can never disagree.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class CallRecordBook {

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    public void opened(HelpRequest r) {
        em.persist(new CallRecord(r.id(),
                r.service() == null ? null : r.service().name(),
                r.ticket() == null ? null : r.ticket().id(),
                r.ticket() == null ? null : r.ticket().routing(),
                r.customerName(), r.sourceAddress(), r.askedAt()));
    }

    public void claimed(HelpRequest r) {
        record(r).claimed(r.claimedBy().login(), r.claimedBy().displayName(), r.claimedAt());
    }

    public void confirmed(HelpRequest r) {
        record(r).confirmed(r.confirmedAt());
    }

    public void traffic(long requestId, long toHost, long toGuest) {
        CallRecord c = em.find(CallRecord.class, requestId);
        c.addTraffic(toHost, toGuest);
    }

    public void closed(HelpRequest r) {
        record(r).close(r.state(), r.endReason(), r.endedAt());
    }

    private CallRecord record(HelpRequest r) {
        return em.find(CallRecord.class, r.id());
    }
}
