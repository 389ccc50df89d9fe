package io.deskside.gateway.queue;

import io.deskside.gateway.ticket.TicketOffice;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every few seconds: expires overdue tickets and help requests nobody took in time, and, once
 * after a restart, ends the sessions the old server's tunnels took with them.
 */
@Singleton
public class Housekeeping {

    static final int BATCH = 200;
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @EJB
    TicketOffice tickets;

    @EJB
    HelpQueue queue;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "deskside-housekeeping")
    void sweep() {
        try {
            Instant now = Instant.now();
            tickets.expireOverdue(now, BATCH);
            queue.expireOverdue(now, BATCH);
            queue.endOrphans(now, BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Housekeeping failed this round; it runs again in five seconds", e);
        }
    }
}
