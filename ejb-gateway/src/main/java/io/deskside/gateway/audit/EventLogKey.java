package io.deskside.gateway.audit;

import io.deskside.gateway.config.GatewaySettings;
import io.deskside.persistence.audit.EventChainHead;
import io.deskside.persistence.audit.EventEntry;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Logger;

/**
 * Holds the event-log key, read at deployment from {@code deskside.audit.key-file}, a file the
 * database never sees. On a new install it makes the key, keyed from the first entry; on a log
 * written before keys existed, from the entry after the newest (whose plain hash shows it is
 * such a log). A log that is keyed while this node has no key file is not given a new key: that
 * would make every entry so far unverifiable, so the deployment stops and says which file to
 * copy. Only the key's id is ever logged.
 *
 * <p>This bean must not log events itself: {@link EventLog} calls it for every entry.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventLogKey {

    private static final Logger LOG = Logger.getLogger(EventLogKey.class.getName());

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @Inject
    GatewaySettings settings;

    private volatile ChainKey current;
    private volatile boolean createdNow;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void load() {
        Path file = settings.audit().keyFile();
        if (Files.exists(file)) {
            current = ChainKeyFile.read(file);
            LOG.info(() -> "The event log is keyed from entry " + current.keyedFrom() + " with key id " + current.id()
                    + " (" + ChainKeyFile.SETTING + ": " + file + ")");
            checkNewest(file);
            return;
        }
        // Under the head's lock: no entry is appended between judging the newest and keying from after it.
        EventChainHead head = em.find(EventChainHead.class, EventChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        long keyedFrom = firstKeyedEntry(head, file);
        try {
            current = ChainKeyFile.create(file, keyedFrom, new SecureRandom());
            createdNow = true;
            LOG.warning(() -> "Made the event-log key " + file + " (key id " + current.id() + "), keyed from entry "
                    + current.keyedFrom() + ". Back it up apart from the database; every node of a cluster needs this same"
                    + " file (" + ChainKeyFile.SETTING + ")");
        } catch (FileAlreadyExistsException another) {
            // Another node sharing this file made it a moment ago.
            current = ChainKeyFile.read(file);
            LOG.info(() -> "The event log is keyed from entry " + current.keyedFrom() + " with key id " + current.id()
                    + " (" + ChainKeyFile.SETTING + ": " + file + ")");
        } catch (IOException e) {
            throw new IllegalStateException(ChainKeyFile.SETTING + ": cannot create " + file + ": " + e, e);
        }
    }

    /** The key every append uses and every check holds entries against. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public ChainKey current() {
        ChainKey key = current;
        if (key == null) {
            throw new IllegalStateException("the event-log key is not loaded");
        }
        return key;
    }

    /** Whether this deployment made the key (so the log should say from where it is keyed). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean createdNow() {
        return createdNow;
    }

    /**
     * With no key file: 1 for an empty log, the entry after the newest for a log written before
     * keys (the newest carries a plain hash); otherwise the log is keyed and the key is missing.
     */
    private long firstKeyedEntry(EventChainHead head, Path file) {
        if (head.seq() == 0) {
            return 1;
        }
        EventEntry newest = entry(head.seq());
        if (newest != null && EventChain.plain(newest).equals(newest.hash())) {
            // Whoever can write the database can make the newest entry look plain: a key for a log
            // that has entries is made only when an operator says so, once, while upgrading.
            if (!settings.audit().keyExistingLog()) {
                throw new IllegalStateException(ChainKeyFile.SETTING + ": " + file + " is missing and the event log has "
                        + head.seq() + " entries chained without a key. If this is the upgrade that introduces the key, start"
                        + " this one node once with deskside.audit.new-key=existing-log (then remove the setting and copy the"
                        + " file to every other node); otherwise copy the key file from the node that made it.");
            }
            return head.seq() + 1;
        }
        throw new IllegalStateException(ChainKeyFile.SETTING + ": " + file + " is missing but the event log is keyed (entry "
                + head.seq() + "). Copy the key file from the node that made it; a new key would make every entry so far"
                + " unverifiable.");
    }

    /**
     * A newest entry that does not check is told loudly but does not stop the server: anyone who
     * can write the database could otherwise keep it from starting.
     */
    private void checkNewest(Path file) {
        ChainKey key = current;
        EventChainHead head = em.find(EventChainHead.class, EventChainHead.ID);
        if (head.seq() < key.keyedFrom() - 1) {
            LOG.warning(() -> "The event log ends at entry " + head.seq() + ", before entry " + key.keyedFrom()
                    + " from which the key in " + file + " is meant to key it: the database was replaced or rolled back."
                    + " New entries are keyed all the same.");
            return;
        }
        if (head.seq() < key.keyedFrom()) {
            return;
        }
        EventEntry newest = entry(head.seq());
        if (newest == null || !key.matches(newest)) {
            LOG.severe(() -> "The newest event-log entry (" + head.seq() + ") does not check with the key in " + file
                    + " (key id " + key.id() + "): every node needs the same key file, or entry " + head.seq()
                    + " was altered: GET /api/events/verify");
        }
    }

    private EventEntry entry(long seq) {
        List<EventEntry> found = em.createQuery("SELECT e FROM EventEntry e WHERE e.seq = :seq", EventEntry.class)
                .setParameter("seq", seq)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }
}
