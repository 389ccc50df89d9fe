package io.deskside.edge.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerOriginTest {

    private static final PeerOrigin.Ranges BALANCER = PeerOrigin.Ranges.parse("10.0.0.0/8, 2001:db8:ffff::/48");
    private static final PeerOrigin.Ranges NONE = PeerOrigin.Ranges.none();
    private static final PeerOrigin.Header XFF = PeerOrigin.Header.X_FORWARDED_FOR;
    private static final PeerOrigin.Header FORWARDED = PeerOrigin.Header.FORWARDED;

    @Test
    void withoutTrustedProxiesForwardingHeadersAreNeverBelieved() {
        PeerOrigin p = PeerOrigin.of("198.51.100.9", List.of("203.0.113.1"), List.of(), false, NONE, XFF);
        assertEquals("198.51.100.9", p.address(), "a guesser cannot pick the address its guesses count against");
        assertTrue(p.proxied());
        assertFalse(PeerOrigin.of("198.51.100.9", List.of(), List.of(), false, NONE, XFF).proxied());
        assertTrue(PeerOrigin.of("198.51.100.9", List.of(), List.of(), true, NONE, XFF).proxied(), "Via");
        assertTrue(PeerOrigin.of("198.51.100.9", List.of(), List.of("for=203.0.113.1"), false, NONE, XFF).proxied(), "Forwarded");
    }

    @Test
    void behindTheBalancerTheClientIsTheFirstUntrustedHopFromTheRight() {
        PeerOrigin direct = PeerOrigin.of("10.1.2.3", List.of("203.0.113.1"), List.of(), false, BALANCER, XFF);
        assertEquals("203.0.113.1", direct.address());
        assertFalse(direct.proxied(), "the help desk's own balancer is not the client's proxy");

        PeerOrigin spoofed = PeerOrigin.of("10.1.2.3", List.of("192.0.2.66, 203.0.113.1"), List.of(), false, BALANCER, XFF);
        assertEquals("203.0.113.1", spoofed.address(), "what the client wrote itself is left of its own address");
        assertTrue(spoofed.proxied(), "and whoever added it is a proxy on the client's side");

        PeerOrigin twoHops = PeerOrigin.of("10.1.2.3", List.of("203.0.113.1", "10.9.9.9"), List.of(), false, BALANCER, XFF);
        assertEquals("203.0.113.1", twoHops.address(), "several headers, several trusted hops");
        assertFalse(twoHops.proxied());
    }

    @Test
    void forwardedIsReadWithQuotesBracketsAndPortsWhenTheBalancerWritesIt() {
        PeerOrigin p = PeerOrigin.of("10.0.0.1", List.of("192.0.2.1"),
                List.of("for=\"[2001:db8:1:2::7]:4711\";proto=https, for=10.0.0.5"), false, BALANCER, FORWARDED);
        assertEquals("2001:db8:1:2:0:0:0:7", p.address());
        assertFalse(p.proxied());
        assertEquals("203.0.113.1", PeerOrigin.of("10.0.0.1", List.of("203.0.113.1:5555"), List.of(), false, BALANCER, XFF).address());
    }

    @Test
    void theHeaderTheBalancerDoesNotWriteIsTheClientsOwnAndNeverBelieved() {
        // nginx appends to X-Forwarded-For and passes a client's Forwarded through untouched.
        PeerOrigin p = PeerOrigin.of("10.0.0.1", List.of("203.0.113.1"), List.of("for=192.0.2.99"), false, BALANCER, XFF);
        assertEquals("203.0.113.1", p.address(), "a forged Forwarded picks no address");
        PeerOrigin q = PeerOrigin.of("10.0.0.1", List.of("192.0.2.99"), List.of("for=203.0.113.1"), false, BALANCER, FORWARDED);
        assertEquals("203.0.113.1", q.address(), "nor a forged X-Forwarded-For behind a Forwarded-writing proxy");
        assertEquals(XFF, PeerOrigin.Header.parse(null));
        assertEquals(FORWARDED, PeerOrigin.Header.parse("forwarded"));
        assertThrows(IllegalArgumentException.class, () -> PeerOrigin.Header.parse("X-Real-IP"));
    }

    @Test
    void tlsAtTheBalancerIsReadFromItsOwnEntryOnly() {
        assertTrue(PeerOrigin.forwardedTls(XFF, List.of("https"), List.of()));
        assertFalse(PeerOrigin.forwardedTls(XFF, List.of("https, http"), List.of()), "the client's own entry comes first");
        assertFalse(PeerOrigin.forwardedTls(XFF, List.of(), List.of("for=1.2.3.4;proto=https")), "the other header is not read");
        assertTrue(PeerOrigin.forwardedTls(FORWARDED, List.of(), List.of("for=192.0.2.1;proto=http, for=203.0.113.1;Proto=https")));
        assertFalse(PeerOrigin.forwardedTls(FORWARDED, List.of(), List.of("for=192.0.2.1;proto=https, for=203.0.113.1")));
    }

    @Test
    void anUnknownOrGarbageHopStopsTheWalk() {
        for (String hop : new String[] {"unknown", "_hidden", "evil.example", "not an address", "999.1.1.1"}) {
            PeerOrigin p = PeerOrigin.of("10.0.0.1", List.of(hop), List.of(), false, BALANCER, XFF);
            assertEquals("10.0.0.1", p.address(), hop);
            assertTrue(p.proxied(), hop);
        }
    }

    @Test
    void anIpv6GuesserIsCountedByItsSlash64() {
        assertEquals("2001:db8:1:2::/64", PeerOrigin.guessGroup("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(PeerOrigin.guessGroup("2001:db8:1:2::1"), PeerOrigin.guessGroup("2001:db8:1:2:ffff::9"));
        assertEquals("203.0.113.1", PeerOrigin.guessGroup("203.0.113.1"));
        assertEquals("unknown", PeerOrigin.guessGroup("unknown"));
    }

    @Test
    void rangesMatchByPrefixAndRefuseWhatIsNotAnAddress() {
        assertTrue(BALANCER.contains("10.255.0.1"));
        assertFalse(BALANCER.contains("11.0.0.1"));
        assertTrue(BALANCER.contains("2001:db8:ffff:1::1"));
        assertFalse(BALANCER.contains("2001:db8:fffe::1"));
        assertTrue(PeerOrigin.Ranges.parse("192.0.2.0/25").contains("192.0.2.127"));
        assertFalse(PeerOrigin.Ranges.parse("192.0.2.0/25").contains("192.0.2.128"));
        assertThrows(IllegalArgumentException.class, () -> PeerOrigin.Ranges.parse("balancer.example"));
        assertThrows(IllegalArgumentException.class, () -> PeerOrigin.Ranges.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> PeerOrigin.Ranges.parse("10.0.0.0/x"));
        for (String notALiteral : new String[] {"localhost", "999.1.1.1", "1.2.3.256", ".:", ".1:2", "evil.example",
                "fe80::1%eth0", "1.2.3", "::g", "x:1"}) {
            assertNull(PeerOrigin.parseLiteral(notALiteral), notALiteral);
        }
        assertEquals("1.2.3.4", PeerOrigin.parseLiteral("1.2.3.4").getHostAddress());
        assertEquals("1.2.3.4", PeerOrigin.parseLiteral("::ffff:1.2.3.4").getHostAddress(), "an IPv4-mapped address is IPv4");
        assertEquals("2001:db8:0:0:0:0:0:1", PeerOrigin.parseLiteral("2001:db8::1").getHostAddress());
    }
}
