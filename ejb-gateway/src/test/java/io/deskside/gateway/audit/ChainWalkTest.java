package io.deskside.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.persistence.audit.EventEntry;
import io.deskside.persistence.audit.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainWalkTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");
    private static final ChainKey KEYED_FROM_THE_START = ChainKey.of(EventChainTest.key(1), 1);
    /** A log that had three entries when it got its key. */
    private static final ChainKey KEYED_FROM_4 = ChainKey.of(EventChainTest.key(1), 4);

    @Test
    void anIntactLogIsIntact() {
        assertEquals(Optional.empty(), walk(ChainWalk.fromGenesis(KEYED_FROM_THE_START, null), chain(KEYED_FROM_THE_START, 6)));
    }

    @Test
    void anEntryRehashedWithPlainSha256AfterTheKeyIsFoundAtThatEntry() {
        List<EventEntry> forged = forged(chain(KEYED_FROM_THE_START, 6), 3, "nothing happened");
        ChainBreak b = walk(ChainWalk.fromGenesis(KEYED_FROM_THE_START, null), forged).orElseThrow();
        assertEquals(3L, (long) b.seq());
        assertTrue(b.reason().contains("changed"), b.reason());
    }

    @Test
    void legacyEntriesBeforeTheKeyCheckAsPlainSha256() {
        List<EventEntry> log = chain(KEYED_FROM_4, 6);
        assertEquals(EventChain.plain(log.get(2)), log.get(2).hash(), "entry 3 was written before the key");
        assertEquals(Optional.empty(), walk(ChainWalk.fromGenesis(KEYED_FROM_4, null), log));
    }

    @Test
    void aLegacyEntryChangedWithoutRehashingIsFoundAtThatEntry() {
        List<EventEntry> log = chain(KEYED_FROM_4, 6);
        EventEntry e = log.get(1);
        log.set(1, new EventEntry(e.seq(), e.at(), e.type(), e.actor(), e.requestId(), e.ticketId(), e.sourceAddress(),
                "nothing happened", e.prevHash(), e.hash()));
        assertEquals(2L, (long) walk(ChainWalk.fromGenesis(KEYED_FROM_4, null), log).orElseThrow().seq());
    }

    @Test
    void rewrittenLegacyEntriesShowAtTheFirstKeyedEntry() {
        List<EventEntry> log = chain(KEYED_FROM_4, 6);
        // Rewritten up to the last legacy entry only: the first keyed entry no longer links.
        List<EventEntry> upToTheKey = new ArrayList<>(forged(log, 2, "nothing happened").subList(0, 3));
        upToTheKey.addAll(log.subList(3, 6));
        ChainBreak b = walk(ChainWalk.fromGenesis(KEYED_FROM_4, null), upToTheKey).orElseThrow();
        assertEquals(4L, (long) b.seq());
        assertTrue(b.reason().contains("before it"), b.reason());
        // Rewritten to the end: the first keyed entry carries a plain hash.
        b = walk(ChainWalk.fromGenesis(KEYED_FROM_4, null), forged(log, 2, "nothing happened")).orElseThrow();
        assertEquals(4L, (long) b.seq());
        assertTrue(b.reason().contains("before it"), b.reason());
    }

    @Test
    void plainEntriesFromKeyedFromOnAreNotAcceptedSoTheChainCannotBeDowngraded() {
        List<EventEntry> log = chain(KEYED_FROM_4, 6);
        ChainBreak b = walk(ChainWalk.fromGenesis(KEYED_FROM_4, null), forged(log, 5, "nothing happened")).orElseThrow();
        assertEquals(5L, (long) b.seq());
        assertTrue(b.reason().contains("plain SHA-256"), b.reason());
        // The whole log rewritten as if it had never had a key: the key file still says where keys begin.
        List<EventEntry> allPlain = forged(log, 1, log.get(0).detail());
        assertEquals(4L, (long) walk(ChainWalk.fromGenesis(KEYED_FROM_4, null), allPlain).orElseThrow().seq());
    }

    @Test
    void keyedEntriesBeforeKeyedFromAreAcceptedAfterTheDatabaseWasRolledBack() {
        ChainKey keyedFrom10 = ChainKey.of(EventChainTest.key(1), 10);
        assertEquals(Optional.empty(), walk(ChainWalk.fromGenesis(keyedFrom10, null), chain(KEYED_FROM_THE_START, 6)));
    }

    @Test
    void anEntryHashedWithAnotherKeyIsFound() {
        ChainKey other = ChainKey.of(EventChainTest.key(2), 1);
        assertEquals(1L, (long) walk(ChainWalk.fromGenesis(KEYED_FROM_THE_START, null), chain(other, 3)).orElseThrow().seq());
    }

    @Test
    void aMissingEntryAndCutOffEntriesAreFound() {
        List<EventEntry> log = chain(KEYED_FROM_THE_START, 6);
        List<EventEntry> gap = new ArrayList<>(log);
        gap.remove(2);
        assertEquals(3L, (long) walk(ChainWalk.fromGenesis(KEYED_FROM_THE_START, null), gap).orElseThrow().seq());
        ChainWalk cut = ChainWalk.fromGenesis(KEYED_FROM_THE_START, null);
        log.subList(0, 4).forEach(cut::next);
        EventEntry head = log.get(5);
        assertEquals(5L, (long) cut.finish(head.seq(), head.hash()).orElseThrow().seq(), "the head names entry 6, the log ends at 4");
    }

    @Test
    void aHeadBehindTheCheckpointIsReportedAsRemovedEntries() {
        List<EventEntry> log = chain(KEYED_FROM_THE_START, 6);
        Checkpoint saw6 = Checkpoint.sign(KEYED_FROM_THE_START, 6, log.get(5).hash(), AT.plusSeconds(60));
        // Entries 5 and 6 removed and the head set back to 4: the chain itself is consistent.
        ChainBreak b = walk(ChainWalk.fromGenesis(KEYED_FROM_THE_START, saw6), log.subList(0, 4)).orElseThrow();
        assertEquals(5L, (long) b.seq());
        assertTrue(b.reason().contains("removed") && b.reason().contains("checkpoint"), b.reason());
        assertEquals(Optional.empty(), walk(ChainWalk.fromGenesis(KEYED_FROM_THE_START, saw6), log));
    }

    @Test
    void anotherEntryWhereTheCheckpointSawOneIsFound() {
        List<EventEntry> log = chain(KEYED_FROM_THE_START, 6);
        Checkpoint saw3 = Checkpoint.sign(KEYED_FROM_THE_START, 3, "f".repeat(64), AT.plusSeconds(60));
        assertEquals(3L, (long) walk(ChainWalk.fromGenesis(KEYED_FROM_THE_START, saw3), log).orElseThrow().seq());
    }

    @Test
    void aWalkFromACheckpointJudgesTheEntriesAfterIt() {
        List<EventEntry> log = chain(KEYED_FROM_THE_START, 6);
        EventEntry third = log.get(2);
        assertEquals(Optional.empty(), walk(ChainWalk.after(KEYED_FROM_THE_START, 3, third.hash()), log.subList(3, 6)));
        List<EventEntry> forged = forged(log, 2, "nothing happened");
        assertEquals(4L, (long) walk(ChainWalk.after(KEYED_FROM_THE_START, 3, third.hash()), forged.subList(3, 6)).orElseThrow().seq(),
                "entry 4 no longer links to what the checkpoint saw");
    }

    /** Entries 1..n, hashed as the gateway would with this key: plain before its keyedFrom. */
    private static List<EventEntry> chain(ChainKey key, int n) {
        List<EventEntry> entries = new ArrayList<>();
        String prev = EventChain.GENESIS;
        for (long seq = 1; seq <= n; seq++) {
            Instant at = AT.plusSeconds(seq);
            String detail = "entry " + seq;
            String hash = seq < key.keyedFrom()
                    ? EventChain.plain(prev, seq, at, EventType.LOGIN, "bob", null, seq, "10.0.0.1", detail)
                    : key.hash(prev, seq, at, EventType.LOGIN, "bob", null, seq, "10.0.0.1", detail);
            entries.add(new EventEntry(seq, at, EventType.LOGIN, "bob", null, seq, "10.0.0.1", detail, prev, hash));
            prev = hash;
        }
        return entries;
    }

    /**
     * What someone with the database and the source code but not the key does: entry
     * {@code from} gets a new detail, and it and every entry after it are re-hashed with plain
     * SHA-256, each linked to the one before.
     */
    private static List<EventEntry> forged(List<EventEntry> log, long from, String detail) {
        List<EventEntry> out = new ArrayList<>();
        String prev = null;
        for (EventEntry e : log) {
            if (e.seq() < from) {
                out.add(e);
                continue;
            }
            if (prev == null) {
                prev = e.prevHash();
            }
            String d = e.seq() == from ? detail : e.detail();
            String hash = EventChain.plain(prev, e.seq(), e.at(), e.type(), e.actor(), e.requestId(), e.ticketId(), e.sourceAddress(), d);
            out.add(new EventEntry(e.seq(), e.at(), e.type(), e.actor(), e.requestId(), e.ticketId(), e.sourceAddress(), d, prev, hash));
            prev = hash;
        }
        return out;
    }

    /** Walks the entries and finishes against a head naming the last of them, as a forger who set the head would. */
    private static Optional<ChainBreak> walk(ChainWalk walk, List<EventEntry> entries) {
        for (EventEntry e : entries) {
            Optional<ChainBreak> b = walk.next(e);
            if (b.isPresent()) {
                return b;
            }
        }
        EventEntry last = entries.get(entries.size() - 1);
        return walk.finish(last.seq(), last.hash());
    }
}
