package io.deskside.gateway.queue;

import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.error.TooManyAttempts;
import io.deskside.gateway.security.AttemptLedger;
import io.deskside.edge.port.PeerOrigin;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Bounds the guessing of ticket routing groups, per source: an IPv4 address, or an IPv6 /64
 * (see {@link PeerOrigin#guessGroup}); see {@link AttemptLedger}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class GuessLimiter {

    @Inject
    GatewaySettings settings;

    private AttemptLedger ledger;
    private GuessBudget node;

    @PostConstruct
    void init() {
        ledger = new AttemptLedger(settings.failedTicketsBeforeDelay(), settings.failedTicketsBeforeLockout(),
                settings.lockoutDuration());
        node = new GuessBudget(settings.guessesPerMinute(), Instant.now());
    }

    /**
     * Starts a ticket attempt; throws {@link TooManyAttempts} when the source must wait, or has
     * another attempt under way, or the node's budget of wrong tickets is spent (then every
     * ticket is refused alike, whether its routing group is live or not). Every admitted attempt
     * ends with {@link #done}.
     */
    public void admit(String source, Instant now) {
        String group = PeerOrigin.guessGroup(source);
        if (ledger.begin(group, now) instanceof AttemptLedger.Wait wait) {
            java.time.Duration seconds = wait.wholeSeconds();
            throw wait.busy()
                    ? new TooManyAttempts(seconds, "a ticket from this address is being checked; try again in " + seconds.toSeconds() + " s")
                    : new TooManyAttempts(seconds, wait.lockedOut());
        }
        java.time.Duration budget = node.take(now);
        if (!budget.isZero()) {
            ledger.end(group);
            long seconds = Math.max(1, (budget.toMillis() + 999) / 1000);
            throw new TooManyAttempts(java.time.Duration.ofSeconds(seconds),
                    "too many wrong tickets reach this help desk right now; try again in " + seconds + " s");
        }
    }

    /** What an admitted attempt came to. */
    public enum Outcome {
        /** The routing group was live: its guess goes back to the node's budget. */
        RIGHT,
        /** The routing group was wrong: its guess stays spent ({@link #failed} was told). */
        WRONG,
        /** Nothing was learned (the lookup failed): its guess goes back, as nothing was guessed. */
        UNDECIDED
    }

    /** Ends an attempt admitted by {@link #admit}. */
    public void done(String source, Outcome outcome) {
        ledger.end(PeerOrigin.guessGroup(source));
        if (outcome != Outcome.WRONG) {
            node.refund();
        }
    }

    /** What a wrong ticket led to: the source locked out, the node's budget just spent. */
    public record Failure(boolean lockedOut, boolean nodeThrottled) {
    }

    /** Records a wrong ticket admitted by {@link #admit} (its guess already taken from the node's budget). */
    public Failure failed(String source, Instant now) {
        boolean nodeThrottled = node.emptiedBy(now);
        return new Failure(ledger.failure(PeerOrigin.guessGroup(source), now), nodeThrottled);
    }

    /**
     * Records a ticket proved wrong later, by a failed key exchange: against its source, and as a
     * guess spent from the node's budget.
     */
    public Failure failedLater(String source, Instant now) {
        boolean nodeThrottled = node.spend(now);
        return new Failure(ledger.failure(PeerOrigin.guessGroup(source), now), nodeThrottled);
    }
}
