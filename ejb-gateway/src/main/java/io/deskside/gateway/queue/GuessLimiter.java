package io.deskside.gateway.queue;

import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.error.TooManyAttempts;
import io.deskside.gateway.security.AttemptLedger;
import io.deskside.gateway.tunnel.PeerOrigin;
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

    @PostConstruct
    void init() {
        ledger = new AttemptLedger(settings.failedTicketsBeforeDelay(), settings.failedTicketsBeforeLockout(),
                settings.lockoutDuration());
    }

    /**
     * Starts a ticket attempt; throws {@link TooManyAttempts} when the source must wait, or has
     * another attempt under way. Every admitted attempt ends with {@link #done}.
     */
    public void admit(String source, Instant now) {
        if (ledger.begin(PeerOrigin.guessGroup(source), now) instanceof AttemptLedger.Wait wait) {
            java.time.Duration seconds = wait.wholeSeconds();
            throw wait.busy()
                    ? new TooManyAttempts(seconds, "a ticket from this address is being checked; try again in " + seconds.toSeconds() + " s")
                    : new TooManyAttempts(seconds, wait.lockedOut());
        }
    }

    public void done(String source) {
        ledger.end(PeerOrigin.guessGroup(source));
    }

    /** Records a wrong ticket; true when it locked the source out. */
    public boolean failed(String source, Instant now) {
        return ledger.failure(PeerOrigin.guessGroup(source), now);
    }
}
