package io.deskside.edge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.edge.port.SignInCredential;
import io.deskside.edge.security.HostCredentialGate.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HostCredentialGateTest {

    private final List<String> asked = new ArrayList<>();
    private final Function<String, Optional<SignInCredential.Refusal>> mayTry = login -> {
        asked.add(login);
        return Optional.empty();
    };

    private static String basic(String loginAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(loginAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOpenGatewayIssuesToAnyoneWithoutLookingAtTheHeader() {
        Verdict v = HostCredentialGate.decide(false, false, false, null, mayTry);
        assertTrue(v.issues());
        assertTrue(HostCredentialGate.decide(false, false, false, basic("ann:wrong"), mayTry).issues());
        assertTrue(asked.isEmpty(), "no lock-out question when nobody has to sign in");
    }

    @Test
    void aSignedInTechnicianGetsACredential() {
        assertTrue(HostCredentialGate.decide(true, true, true, basic("ann:right"), mayTry).issues());
    }

    @Test
    void noHeaderIsChallengedWithBasic() {
        Verdict v = HostCredentialGate.decide(true, false, false, null, mayTry);
        assertEquals(401, v.status());
        assertEquals("Basic realm=\"Deskside\"", v.challenge());
        assertNull(v.retryAfter());
    }

    @Test
    void aHeaderThatIsNotBasicIsChallengedToo() {
        for (String odd : List.of("Bearer abc", "Basic !!!", basic("no-colon"), "Basic")) {
            Verdict v = HostCredentialGate.decide(true, false, false, odd, mayTry);
            assertEquals(401, v.status(), odd);
            assertEquals(HostCredentialGate.CHALLENGE, v.challenge(), odd);
        }
        assertTrue(asked.isEmpty(), "a header without a login has nothing to ask the lock-out about");
    }

    @Test
    void aWrongPasswordIsChallengedAgainWithoutRepeatingIt() {
        Verdict v = HostCredentialGate.decide(true, false, false, basic("ann:s3cret-typo"), mayTry);
        assertEquals(401, v.status());
        assertEquals(HostCredentialGate.CHALLENGE, v.challenge());
        assertFalse(v.detail().contains("ann") || v.detail().contains("s3cret"), v.detail());
        assertEquals(List.of("ann"), asked, "the lock-out is asked about the login that was sent");
    }

    @Test
    void aLockedOutLoginWaitsWithTheLockOutsRetryAfter() {
        Verdict v = HostCredentialGate.decide(true, false, false, basic("ann:guess"),
                login -> Optional.of(new SignInCredential.Refusal("too many failed sign-ins; try again in 120 s", Duration.ofSeconds(120))));
        assertEquals(429, v.status());
        assertEquals(Duration.ofSeconds(120), v.retryAfter());
        assertNull(v.challenge(), "a wait is not a wrong password");
        assertEquals("too many failed sign-ins; try again in 120 s", v.detail());
    }

    @Test
    void aSignedInAccountWithoutTheTechnicianRoleIsForbidden() {
        Verdict v = HostCredentialGate.decide(true, true, false, basic("billing:right"), mayTry);
        assertEquals(403, v.status());
        assertNull(v.challenge());
        assertTrue(v.detail().contains("technician"), v.detail());
    }
}
