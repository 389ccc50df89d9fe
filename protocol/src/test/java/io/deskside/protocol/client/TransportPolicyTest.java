package io.deskside.protocol.client;

import static io.deskside.protocol.client.GatewayTunnel.Mode.STREAMING;
import static io.deskside.protocol.client.GatewayTunnel.Mode.TRANSACTION;
import static io.deskside.protocol.client.GatewayTunnel.Mode.WEBSOCKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.client.GatewayTunnel.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TransportPolicyTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Any reading of System.nanoTime(): only differences count. */
    private static final long T0 = 987_654_321_000L;
    private static final Duration STALL = Duration.ofSeconds(2);

    /** Always the largest value below the bound it is asked for, and remembers the bounds. */
    private static final class AtTheBound implements RandomGenerator {
        final List<Long> bounds = new ArrayList<>();

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded values are asked for");
        }

        @Override
        public long nextLong(long bound) {
            bounds.add(bound);
            return bound - 1;
        }
    }

    private final AtTheBound random = new AtTheBound();

    private TransportPolicy policy(Mode... modes) {
        return new TransportPolicy(List.of(modes), STALL, random, T0);
    }

    // ---- which transport

    @Test
    void triesTheConfiguredModesInOrderAndWrapsAround() {
        TransportPolicy p = policy(STREAMING, WEBSOCKET, TRANSACTION);
        List<Mode> tried = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tried.add(p.modeToTry());
            p.connectFailed();
        }
        assertEquals(List.of(STREAMING, WEBSOCKET, TRANSACTION, STREAMING, WEBSOCKET), tried);
    }

    @Test
    void aWelcomeThatAsksForTransactionModeMovesThereWhenAllowed() {
        TransportPolicy p = policy(WEBSOCKET, STREAMING, TRANSACTION);
        assertTrue(p.keeps(WEBSOCKET), "nobody asked for transaction mode yet");
        p.gatewayWantsTransactionMode();
        assertFalse(p.keeps(WEBSOCKET), "the welcomed WebSocket is given up");
        assertEquals(TRANSACTION, p.modeToTry());
        assertTrue(p.keeps(TRANSACTION));
        p.connectFailed();
        p.retryDelayMillis(false, T0 + S);
        assertEquals(TRANSACTION, p.modeToTry(), "and it stays there, whatever fails");
    }

    @Test
    void staysOnTheOnlyAllowedModeEvenWhenAskedForTransactionMode() {
        TransportPolicy p = policy(WEBSOCKET);
        p.gatewayWantsTransactionMode();
        assertTrue(p.keeps(WEBSOCKET));
        assertEquals(WEBSOCKET, p.modeToTry());
        p.connectFailed();
        assertEquals(WEBSOCKET, p.modeToTry());
    }

    @Test
    void aTransportThatStallsSoonAfterOpeningIsNotTriedAgain() {
        TransportPolicy p = policy(WEBSOCKET, STREAMING, TRANSACTION);
        p.connected(T0);
        p.retryDelayMillis(true, T0 + 3 * S);
        assertEquals(STREAMING, p.modeToTry(), "the next mode down");
        p.connected(T0 + 4 * S);
        assertEquals(4 * S, p.stallNanos(T0 + 5 * S), "and it is given more time");
    }

    @Test
    void aTransportThatWasFineForThirtySecondsIsRetriedOnceWithDoubledPatience() {
        TransportPolicy p = policy(WEBSOCKET, STREAMING, TRANSACTION);
        p.connected(T0);
        long stalled = T0 + 31 * S;
        assertTrue(p.fineForAWhile(stalled));
        p.retryDelayMillis(true, stalled);
        assertEquals(WEBSOCKET, p.modeToTry(), "a busy gateway looks like this: same mode again");
        p.connected(stalled + S);
        assertEquals(4 * S, p.stallNanos(stalled + 2 * S));
    }

    @Test
    void aSecondStallStepsDown() {
        TransportPolicy p = policy(WEBSOCKET, STREAMING, TRANSACTION);
        p.connected(T0);
        long stalled = T0 + 31 * S;
        p.retryDelayMillis(true, stalled);
        p.connected(stalled + S);
        p.retryDelayMillis(true, stalled + 6 * S);
        assertEquals(STREAMING, p.modeToTry());
    }

    @Test
    void aCutIsRetriedOnTheSameMode() {
        TransportPolicy p = policy(WEBSOCKET, STREAMING, TRANSACTION);
        p.connected(T0);
        p.retryDelayMillis(false, T0 + S);
        assertEquals(WEBSOCKET, p.modeToTry(), "cut soon after opening");
        p.connected(T0 + 2 * S);
        assertEquals(2 * S, p.stallNanos(T0 + 3 * S), "a cut is no stall: the patience stays");
        p.retryDelayMillis(false, T0 + 60 * S);
        assertEquals(WEBSOCKET, p.modeToTry(), "cut after a fine spell");
    }

    // ---- when to retry

    @Test
    void theFirstRetryGoesWithinAQuarterSecondAndLaterOnesBackOffToTwoSeconds() {
        TransportPolicy p = policy(WEBSOCKET, STREAMING, TRANSACTION);
        p.connected(T0);
        List<Long> delays = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            delays.add(p.retryDelayMillis(false, T0 + i * S));
        }
        assertEquals(List.of(250L, 1000L, 2000L, 2000L, 2000L), random.bounds, "each drawn at random below these");
        assertEquals(List.of(249L, 999L, 1999L, 1999L, 1999L), delays);
    }

    @Test
    void beingFineForAWhileForgetsEarlierStallsAndRetries() {
        TransportPolicy p = policy(WEBSOCKET, STREAMING, TRANSACTION);
        p.connected(T0);
        p.retryDelayMillis(true, T0 + 3 * S);
        p.connected(T0 + 4 * S);
        p.retryDelayMillis(false, T0 + 10 * S);
        p.connected(T0 + 11 * S);
        assertEquals(STREAMING, p.modeToTry());
        assertEquals(4 * S, p.stallNanos(T0 + 12 * S), "one recent stall");

        long fine = T0 + 42 * S;
        assertEquals(2 * S, p.stallNanos(fine), "the stall is forgotten");
        assertEquals(249, p.retryDelayMillis(true, fine), "a first retry again");
        assertEquals(STREAMING, p.modeToTry(), "and a first stall after a fine spell");
    }

    // ---- how patient

    @Test
    void theConfiguredTimeOrFourRoundTripsAtMostTenSeconds() {
        assertEquals(2 * S, TransportPolicy.stallLimit(2 * S, 10 * MS, 0));
        assertEquals(3 * S, TransportPolicy.stallLimit(2 * S, 750 * MS, 0), "a slow network gets four round trips");
        assertEquals(10 * S, TransportPolicy.stallLimit(2 * S, 30 * S, 0), "never more than ten seconds for a slow network");
    }

    @Test
    void eachRecentStallDoublesTheWaitSoABusyGatewayIsNotStormed() {
        assertEquals(4 * S, TransportPolicy.stallLimit(2 * S, 10 * MS, 1));
        assertEquals(8 * S, TransportPolicy.stallLimit(2 * S, 10 * MS, 2));
        assertEquals(10 * S, TransportPolicy.stallLimit(2 * S, 10 * MS, 3));
        assertEquals(10 * S, TransportPolicy.stallLimit(2 * S, 10 * MS, 40), "capped, and no overflow");
        assertEquals(15 * S, TransportPolicy.stallLimit(15 * S, 10 * MS, 3), "an operator's longer setting stands");
    }

    @Test
    void pingsAfterAHeartbeatOfQuietButNoLaterThanHalfTheStallLimit() {
        TransportPolicy p = policy(WEBSOCKET, STREAMING, TRANSACTION);
        long now = T0 + S;
        assertEquals(S, p.pingAfterNanos(S, now), "the gateway's heartbeat");
        assertEquals(S, p.pingAfterNanos(5 * S, now), "half the stall limit of two seconds");

        assertFalse(p.pingDue(WEBSOCKET, 900 * MS, 10 * S, S, now), "heard from lately");
        assertTrue(p.pingDue(WEBSOCKET, 1100 * MS, 10 * S, S, now));
        assertFalse(p.pingDue(WEBSOCKET, 1100 * MS, 500 * MS, S, now), "a ping is already out");
        assertTrue(p.pingDue(STREAMING, 1100 * MS, 1100 * MS, 5 * S, now));
    }

    @Test
    void roundTripsAreSmoothedAtOneEighthAndAbsurdSamplesIgnored() {
        TransportPolicy p = new TransportPolicy(List.of(WEBSOCKET), Duration.ofMillis(100), random, T0);
        long now = T0 + S;
        assertEquals(100 * MS, p.stallNanos(now), "no round trip known yet");
        p.roundTrip(S);
        assertEquals(4 * S, p.stallNanos(now), "four round trips, the first taken as it is");
        p.roundTrip(1800 * MS);
        assertEquals(4 * 1100 * MS, p.stallNanos(now), "one eighth of the way to the new sample");
        p.roundTrip(0);
        p.roundTrip(-5 * S);
        p.roundTrip(60 * S);
        p.roundTrip(3600 * S);
        assertEquals(4 * 1100 * MS, p.stallNanos(now), "no time, negative time or a minute and more are not round trips");
    }

    @Test
    void anAcknowledgementWaitsASecondOrRidesWithAPing() {
        assertFalse(TransportPolicy.ackDue(true, false, 900 * MS));
        assertTrue(TransportPolicy.ackDue(true, false, 1100 * MS));
        assertTrue(TransportPolicy.ackDue(true, true, 0), "with a ping that goes anyway");
        assertFalse(TransportPolicy.ackDue(false, true, 10 * S), "nothing arrived: nothing to acknowledge");
    }

    @Test
    void transactionModeIsNeverTakenForStalled() {
        TransportPolicy p = policy(WEBSOCKET, STREAMING, TRANSACTION);
        long now = T0 + S;
        long anHour = 3600 * S;
        assertTrue(p.stalled(WEBSOCKET, anHour, now));
        assertTrue(p.stalled(STREAMING, anHour, now));
        assertFalse(p.stalled(TRANSACTION, anHour, now), "its poll is held, quiet, by design");
        assertFalse(p.pingDue(TRANSACTION, anHour, anHour, S, now), "so it is not pinged either");
        assertFalse(p.stalled(WEBSOCKET, 2 * S, now), "quiet for exactly the limit is not yet stalled");
    }
}
