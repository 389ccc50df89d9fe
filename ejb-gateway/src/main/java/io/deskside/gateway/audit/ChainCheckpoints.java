package io.deskside.gateway.audit;

import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.config.OwnerOnlyFiles;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the chain head down outside the database, signed with the event-log key: at most every
 * {@code deskside.audit.checkpoint-every}, and only when the head moved, to
 * {@code deskside.audit.checkpoint-file} (replaced in one step) and to the server log under this
 * class's name, for operators to ship elsewhere. {@link EventLog#verify()} holds the log against
 * the file, which shows entries cut off the end, or a database put back to an older copy.
 *
 * <p>A checkpoint vouches only for entries that check: it extends the last one (or, without
 * one, the whole log) along the entries after it, and if any of those does not check it writes
 * nothing and says so once. A rewritten log is therefore never checkpointed, and when it is put
 * right, checkpoints go on from the last good one.
 */
@Singleton
public class ChainCheckpoints {

    /** Ticks come every five seconds; one a little early still counts as due. */
    static final Duration TICK_SLACK = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(ChainCheckpoints.class.getName());

    @Inject
    GatewaySettings settings;

    @EJB
    EventLogKey keys;

    @EJB
    EventLog log;

    private Instant lastTaken;
    private String lastRefusal;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "deskside-audit-checkpoint")
    void tick() {
        try {
            Instant now = Instant.now();
            if (lastTaken != null && Duration.between(lastTaken, now).plus(TICK_SLACK)
                    .compareTo(settings.audit().checkpointEvery()) < 0) {
                return;
            }
            lastTaken = now;
            take(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not checkpoint the event log this round; it tries again after"
                    + " deskside.audit.checkpoint-every", e);
        }
    }

    private void take(Instant now) {
        ChainKey key = keys.current();
        Path file = settings.audit().checkpointFile();
        Optional<Checkpoint> last;
        try {
            last = Checkpoint.read(file);
        } catch (IllegalArgumentException e) {
            refuse("the checkpoint file " + file + " was altered (" + e.getMessage() + ")");
            return;
        }
        if (last.isPresent() && !last.get().signedBy(key)) {
            refuse("the checkpoint file " + file + " was altered, or signed with another key (key id now " + key.id() + ")");
            return;
        }
        EventLog.Position head = log.head();
        if (last.isPresent() && last.get().seq() == head.seq() && last.get().hash().equals(head.hash())) {
            return; // the head has not moved
        }
        ChainWalk walk = last.map(cp -> ChainWalk.after(key, cp.seq(), cp.hash()))
                .orElseGet(() -> ChainWalk.fromGenesis(key, null));
        Optional<ChainBreak> broken = log.walk(walk, head.seq(), head.hash());
        if (broken.isPresent()) {
            refuse(broken.get().reason() + (last.isPresent() ? " (since the checkpoint of entry " + last.get().seq() + ")" : ""));
            return;
        }
        Checkpoint checkpoint = Checkpoint.sign(key, head.seq(), head.hash(), now.truncatedTo(ChronoUnit.SECONDS));
        try {
            OwnerOnlyFiles.replaceAtomically(file, checkpoint.fileContent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the event-log checkpoint " + file + ": " + e, e);
        }
        lastRefusal = null;
        LOG.info(() -> "Event-log checkpoint " + checkpoint.line() + " (key id " + key.id() + ")");
    }

    /** Said once per cause, not every round: the log stays broken until someone acts. */
    private void refuse(String why) {
        if (!why.equals(lastRefusal)) {
            LOG.severe(() -> "The event log is not checkpointed: " + why + ". GET /api/events/verify;"
                    + " after a deliberate restore of the database, delete " + settings.audit().checkpointFile());
        }
        lastRefusal = why;
    }
}
