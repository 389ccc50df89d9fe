package io.deskside.gateway.security;

import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.error.TooManyAttempts;
import io.deskside.edge.port.PeerOrigin;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds password guessing, counted by source (an IPv4 address, or an IPv6 /64; see
 * {@link PeerOrigin#guessGroup}) in two ledgers ({@link AttemptLedger}):
 * <ul>
 * <li>one account from one source: a few free failures, then doubling waits, then a lock-out
 * ({@link GatewaySettings.Limits}), so that one source cannot work through one account's
 * password while the same technician signing in from elsewhere, and the colleagues behind the
 * same office address, are not held up;
 * <li>any account from one source: ten times as many, so that one source cannot spray a
 * password over many accounts.
 * </ul>
 * A few slow hashes may be under way at once per account and source (four times as many per
 * source), so that a flood of bad sign-ins cannot spend the node's CPU on PBKDF2. A plain CDI
 * bean, not an EJB: it is asked on every signed-in request and needs no transaction.
 */
@ApplicationScoped
public class LoginThrottle {

    /** How much more an address as a whole may fail than one account from it. */
    static final int ADDRESS_FACTOR = 10;

    @Inject
    GatewaySettings settings;

    private AttemptLedger byAccount;
    private AttemptLedger byAddress;

    @PostConstruct
    void init() {
        GatewaySettings.Limits l = settings.limits();
        byAccount = new AttemptLedger(l.failedLoginsBeforeDelay(), l.failedLoginsBeforeLockout(), l.loginLockout(),
                l.loginChecksAtOnce());
        byAddress = new AttemptLedger(l.failedLoginsBeforeDelay() * ADDRESS_FACTOR, l.failedLoginsBeforeLockout() * ADDRESS_FACTOR,
                l.loginLockout(), l.loginChecksAtOnce() * 4);
    }

    /**
     * Throws {@link TooManyAttempts} when this login from this source must wait or is locked out:
     * asked before anything else, so that nothing (a remembered credential either) answers a
     * guess the lock-out should stop.
     */
    public void refuseIfWaiting(String login, String source, Instant now) {
        String address = PeerOrigin.guessGroup(source);
        refuseIf(byAddress.check(address, now), true);
        refuseIf(byAccount.check(account(login, address), now), false);
    }

    /**
     * Starts a password check; throws {@link TooManyAttempts} when the source must wait, or has
     * as many checks under way as it may. Every admitted check ends with {@link #done}.
     */
    public void admit(String login, String source, Instant now) {
        String address = PeerOrigin.guessGroup(source);
        refuseIf(byAddress.begin(address, now), true);
        AttemptLedger.Verdict v = byAccount.begin(account(login, address), now);
        if (v instanceof AttemptLedger.Wait) {
            byAddress.end(address);
        }
        refuseIf(v, false);
    }

    public void done(String login, String source) {
        String address = PeerOrigin.guessGroup(source);
        byAccount.end(account(login, address));
        byAddress.end(address);
    }

    /**
     * Records a failed sign-in; the lock-out it caused, in words for the event log, or null.
     * {@code shown} is how the words name the account: the login only where it exists (a
     * password typed into the login field must not stay in the immutable log).
     */
    public String failed(String login, String shown, String source, Instant now) {
        String address = PeerOrigin.guessGroup(source);
        boolean account = byAccount.failure(account(login, address), now);
        boolean all = byAddress.failure(address, now);
        GatewaySettings.Limits l = settings.limits();
        String lockout = "locked out for " + l.loginLockout().toSeconds() + " s after ";
        return all ? lockout + l.failedLoginsBeforeLockout() * ADDRESS_FACTOR + " failed sign-ins from this address"
                : account ? lockout + l.failedLoginsBeforeLockout() + " failed sign-ins to " + shown + " from this address"
                : null;
    }

    private static String account(String login, String address) {
        return login + '\n' + address;
    }

    private static void refuseIf(AttemptLedger.Verdict v, boolean wholeAddress) {
        if (v instanceof AttemptLedger.Wait wait) {
            Duration seconds = wait.wholeSeconds();
            throw wait.busy()
                    ? new TooManyAttempts(seconds, "too many sign-ins under way from this address; try again in " + seconds.toSeconds() + " s")
                    : TooManyAttempts.logins(seconds, wait.lockedOut(), wholeAddress);
        }
    }
}
