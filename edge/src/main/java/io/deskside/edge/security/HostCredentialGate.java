package io.deskside.edge.security;

import io.deskside.edge.port.SignInCredential;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may have a Host credential when the help desk keeps them for signed-in accounts
 * ({@code deskside.host.credential-sign-in=required}): an account with the {@value #ROLE} role.
 * The sign-in itself is not done here. {@link BasicAuthentication} runs on every request of the
 * EAR, an open page included, and signs a valid {@code Basic} header in (its identity store
 * counting every failure for the lock-out); this gate reads the outcome. What it cannot see is
 * why a header signed nobody in, so it asks the lock-out whether that login from that address
 * must wait: 429 then, as the API answers, rather than a 401 that reads as a wrong password.
 *
 * <p>Why the {@value #ROLE} role and not a role of its own: every account is a help-desk account
 * holding at least one of the four roles, and a Host that asks for a sign-in is started by the
 * help desk's own people (a technician setting up a machine, an in-house help desk); billing
 * scripts and supervisors who do not run sessions have no use for a Host.
 */
public final class HostCredentialGate {

    /** The role an account needs to fetch a Host credential. */
    public static final String ROLE = "technician";
    /** The challenge the API sends too: the Host shows its sign-in form when it reads it. */
    public static final String CHALLENGE = BasicAuthentication.CHALLENGE;

    private HostCredentialGate() {
    }

    /**
     * What to answer: 200 (issue a credential), 401 with {@link #challenge}, 403, or 429 with
     * {@link #retryAfter}. {@code detail} is for the problem document: it never repeats what was sent.
     */
    public record Verdict(int status, String detail, String challenge, Duration retryAfter) {

        static final Verdict ISSUE = new Verdict(200, null, null, null);

        public boolean issues() {
            return status == 200;
        }

        static Verdict challenge(String detail) {
            return new Verdict(401, detail, CHALLENGE, null);
        }

        static Verdict wait(SignInCredential.Refusal refusal) {
            return new Verdict(429, refusal.message(), null, refusal.retryAfter());
        }
    }

    /**
     * @param required whether the gateway keeps Host credentials for signed-in accounts
     * @param signedIn whether the sign-in mechanism signed this request in
     * @param hasRole whether the signed-in account has {@link #ROLE}
     * @param authorization the request's {@code Authorization} header, or null
     * @param lockOut the lock-out's refusal of a login from the request's address, empty when it may try
     */
    public static Verdict decide(boolean required, boolean signedIn, boolean hasRole, String authorization,
            Function<String, Optional<SignInCredential.Refusal>> lockOut) {
        if (!required || (signedIn && hasRole)) {
            return Verdict.ISSUE;
        }
        if (signedIn) {
            return new Verdict(403, "this account may not fetch a Host: it needs the " + ROLE + " role", null, null);
        }
        SignInCredential sent = BasicAuthentication.credential(authorization, "");
        if (sent == null) {
            return Verdict.challenge("sign in with a help-desk account to fetch a Host");
        }
        sent.getPassword().clear();
        Optional<SignInCredential.Refusal> refusal = lockOut.apply(sent.getCaller());
        return refusal.map(Verdict::wait).orElseGet(() -> Verdict.challenge("the user name or password is wrong"));
    }
}
