package io.deskside.gateway.audit;

import io.deskside.persistence.audit.EventEntry;
import java.util.Objects;
import java.util.Optional;

/**
 * The judgement of one walk along the event log, entry by entry in chain order: the first entry
 * that is missing, does not link to the one before it, or does not carry its hash under the
 * event-log key; then whether the head names the last entry walked. With a checkpoint, it also
 * finds a log that lost entries the checkpoint saw, or holds other entries where it saw one.
 * It reads nothing itself, so a test can feed it entries.
 */
public final class ChainWalk {

    private final ChainKey key;
    private final Checkpoint checkpoint;
    private long expected;
    private String prev;

    private ChainWalk(ChainKey key, Checkpoint checkpoint, long afterSeq, String afterHash) {
        this.key = Objects.requireNonNull(key, "key");
        this.checkpoint = checkpoint;
        this.expected = afterSeq + 1;
        this.prev = Objects.requireNonNull(afterHash, "afterHash");
    }

    /** A walk of the whole log, held against a checkpoint if there is one (null if not). */
    public static ChainWalk fromGenesis(ChainKey key, Checkpoint checkpoint) {
        return new ChainWalk(key, checkpoint, 0, EventChain.GENESIS);
    }

    /** A walk of the entries after one already known good, such as the last checkpoint's. */
    public static ChainWalk after(ChainKey key, long seq, String hash) {
        return new ChainWalk(key, null, seq, hash);
    }

    /** The last entry walked (or the one the walk started after). */
    public long position() {
        return expected - 1;
    }

    /** Judges the next entry; a break ends the walk. */
    public Optional<ChainBreak> next(EventEntry e) {
        long seq = e.seq();
        if (seq != expected) {
            return broken(expected, "entry " + expected + " is missing");
        }
        boolean anchorsLegacy = seq == key.keyedFrom() && seq > 1;
        if (!e.prevHash().equals(prev)) {
            return anchorsLegacy ? legacyChanged(seq) : broken(seq, "entry " + seq + " does not link to the entry before it");
        }
        if (!key.matches(e)) {
            if (anchorsLegacy) {
                return legacyChanged(seq);
            }
            if (seq >= key.keyedFrom() && EventChain.plain(e).equals(e.hash())) {
                return broken(seq, "entry " + seq + " was changed after it was written: it carries a plain SHA-256 hash"
                        + " where the event-log key's belongs");
            }
            return broken(seq, "entry " + seq + " was changed after it was written");
        }
        if (checkpoint != null && seq == checkpoint.seq() && !e.hash().equals(checkpoint.hash())) {
            return broken(seq, "entry " + seq + " was changed: a checkpoint at " + checkpoint.at()
                    + " saw another entry there (the log was rewritten or replaced)");
        }
        prev = e.hash();
        expected++;
        return Optional.empty();
    }

    /** After the last entry: the head must name it, and must not lie before what a checkpoint saw. */
    public Optional<ChainBreak> finish(long headSeq, String headHash) {
        if (headSeq != expected - 1 || !headHash.equals(prev)) {
            return broken(expected, "the newest entries were removed");
        }
        if (checkpoint != null && headSeq < checkpoint.seq()) {
            return broken(headSeq + 1, "the newest entries were removed (a checkpoint at " + checkpoint.at()
                    + " saw entry " + checkpoint.seq() + ")");
        }
        return Optional.empty();
    }

    /**
     * The first keyed entry covers the hash of the last entry before the key, which anchors
     * those: rewritten consistently, they check on their own, and only this entry shows it.
     */
    private static Optional<ChainBreak> legacyChanged(long seq) {
        return broken(seq, "entry " + seq + " was changed after it was written, or entries before it (chained with"
                + " plain SHA-256, before the log had its key) were; which of them cannot be told");
    }

    private static Optional<ChainBreak> broken(long seq, String reason) {
        return Optional.of(new ChainBreak(seq, reason));
    }
}
