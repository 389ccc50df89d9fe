package io.deskside.gateway.queue;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells subscribers about queue changes once, and only if, the transaction that made them
 * commits, so nobody is shown a claim that rolled back. A subscriber that fails is logged
 * and skipped; it never holds up the others or the committing caller.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class QueueEvents {

    private static final Logger LOG = Logger.getLogger(QueueEvents.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final List<QueueSubscriber> subscribers = new CopyOnWriteArrayList<>();

    public Runnable subscribe(QueueSubscriber subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public void publish(QueueChange change) {
        afterCommit(() -> {
            for (QueueSubscriber s : subscribers) {
                try {
                    s.changed(change);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A queue subscriber failed; others are told all the same", e);
                }
            }
        });
    }

    public void staffingChanged() {
        afterCommit(() -> subscribers.forEach(s -> {
            try {
                s.staffingChanged();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A queue subscriber failed to reload its staffing", e);
            }
        }));
    }

    private void afterCommit(Runnable action) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            action.run();
            return;
        }
        if (status != Status.STATUS_ACTIVE) {
            return; // marked for rollback: the change will not happen
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
