package io.deskside.gateway.billing;

import io.deskside.gateway.error.GatewayException;
import io.deskside.persistence.billing.CallRecord;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;

/** Reads call records for billing and integration. */
@Stateless
public class CallRecords {

    public static final int MAX_PAGE = 1000;

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    public CallRecord find(long id) {
        CallRecord c = em.find(CallRecord.class, id);
        if (c == null) {
            throw GatewayException.notFound("no call record " + id);
        }
        return c;
    }

    public List<CallRecord> search(CallRecordFilter f, int offset, int limit) {
        TypedQuery<CallRecord> q = query(f, "SELECT c FROM CallRecord c", " ORDER BY c.askedAt, c.requestId", CallRecord.class);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(CallRecordFilter f) {
        return query(f, "SELECT COUNT(c) FROM CallRecord c", "", Long.class).getSingleResult();
    }

    private <T> TypedQuery<T> query(CallRecordFilter f, String select, String order, Class<T> type) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (f.from() != null) {
            where.append(" AND c.askedAt >= :from");
        }
        if (f.to() != null) {
            where.append(" AND c.askedAt < :to");
        }
        if (f.technician() != null) {
            where.append(" AND c.technicianLogin = :technician");
        }
        if (f.service() != null) {
            where.append(" AND c.serviceName = :service");
        }
        if (f.closed() != null) {
            where.append(f.closed() ? " AND c.outcome IS NOT NULL" : " AND c.outcome IS NULL");
        }
        TypedQuery<T> q = em.createQuery(select + where + order, type);
        if (f.from() != null) {
            q.setParameter("from", f.from());
        }
        if (f.to() != null) {
            q.setParameter("to", f.to());
        }
        if (f.technician() != null) {
            q.setParameter("technician", f.technician());
        }
        if (f.service() != null) {
            q.setParameter("service", f.service());
        }
        return q;
    }
}
