package io.deskside.edge.port;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a request really came from, and whether it crossed an HTTP proxy on the client's side.
 *
 * <p>The connection's own address is the client's, unless it belongs to a <em>trusted
 * proxy</em> ({@code deskside.trusted-proxies}: addresses and CIDR ranges, such as the load
 * balancer in front of the gateway). Only then is the one header those proxies write
 * ({@code deskside.trusted-proxies.header}: {@code X-Forwarded-For}, or {@code Forwarded})
 * believed, read from the right and skipping trusted hops: the first address that is not
 * trusted is the client's. The other header is never read: a balancer passes it through as the
 * client wrote it. Anyone can write those headers, so they are never taken
 * from an untrusted peer; otherwise a guesser could count its wrong tickets against made-up
 * addresses.
 *
 * <p>Proxied: from an untrusted peer, any {@code Via}, {@code Forwarded} or
 * {@code X-Forwarded-For} means a proxy on the way. Through trusted proxies, only forwarding
 * entries beyond the client's address do (a proxy on the client's side added them); the trusted
 * hops themselves are the help desk's own.
 */
public record PeerOrigin(String address, boolean proxied) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Hex digits and colons, a colon inside, a hex digit or colon first; an IPv4 tail allowed. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:]*:[0-9A-Fa-f:]*(\\d{1,3}(\\.\\d{1,3}){3})?");

    /** Which forwarding header the trusted proxies write: the other one is the client's own and never read. */
    public enum Header {
        X_FORWARDED_FOR, FORWARDED;

        public static Header parse(String name) {
            if (name == null || name.equalsIgnoreCase("X-Forwarded-For")) {
                return X_FORWARDED_FOR;
            }
            if (name.equalsIgnoreCase("Forwarded")) {
                return FORWARDED;
            }
            throw new IllegalArgumentException("is X-Forwarded-For or Forwarded, not '" + name + "'");
        }
    }

    /**
     * @param remote the connection's address
     * @param forwardedFor every {@code X-Forwarded-For} header value, in order
     * @param forwarded every {@code Forwarded} header value, in order
     * @param via whether there was a {@code Via} header
     * @param header the one header the trusted proxies write
     */
    public static PeerOrigin of(String remote, List<String> forwardedFor, List<String> forwarded, boolean via, Ranges trusted,
            Header header) {
        boolean anyForwarding = via || !forwardedFor.isEmpty() || !forwarded.isEmpty();
        if (!trusted.contains(remote)) {
            return new PeerOrigin(remote, anyForwarding);
        }
        // Hops, client first, from the header the balancer writes; it passes the other through as the client sent it.
        List<String> hops = header == Header.FORWARDED ? forwardedHops(forwarded) : elements(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = literal(hops.get(i));
            if (hop == null) {
                // "unknown", an obfuscated name or garbage: nothing further left can be believed.
                return new PeerOrigin(remote, true);
            }
            if (!trusted.contains(hop)) {
                return new PeerOrigin(hop, i > 0);
            }
        }
        // Only trusted hops (or none): the request came from inside.
        return new PeerOrigin(hops.isEmpty() ? remote : literal(hops.get(0)), false);
    }

    /**
     * Whether the trusted proxy that handed over the request took it in over TLS: the last entry
     * of the header it writes (its own), {@code X-Forwarded-Proto: https} or {@code proto=https}.
     */
    public static boolean forwardedTls(Header header, List<String> forwardedProto, List<String> forwarded) {
        if (header == Header.FORWARDED) {
            List<String> elements = elements(forwarded);
            String last = elements.isEmpty() ? "" : elements.get(elements.size() - 1);
            return "https".equalsIgnoreCase(parameter(last, "proto"));
        }
        List<String> protos = elements(forwardedProto);
        return !protos.isEmpty() && "https".equalsIgnoreCase(protos.get(protos.size() - 1));
    }

    /** Addresses and CIDR ranges, IPv4 and IPv6. */
    public static final class Ranges {
        private final List<byte[]> networks;
        private final List<Integer> bits;

        private Ranges(List<byte[]> networks, List<Integer> bits) {
            this.networks = networks;
            this.bits = bits;
        }

        public static Ranges none() {
            return new Ranges(List.of(), List.of());
        }

        /** {@code "10.0.0.0/8, 192.0.2.7, 2001:db8::/32"}; an entry that is not an address or range is refused. */
        public static Ranges parse(String list) {
            List<byte[]> n = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            if (list != null) {
                for (String raw : list.split(",")) {
                    String entry = raw.strip();
                    if (entry.isEmpty()) {
                        continue;
                    }
                    int slash = entry.indexOf('/');
                    String host = slash < 0 ? entry : entry.substring(0, slash);
                    InetAddress a = parseLiteral(host);
                    if (a == null) {
                        throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
                    }
                    int max = a.getAddress().length * 8;
                    int prefix;
                    try {
                        prefix = slash < 0 ? max : Integer.parseInt(entry.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + entry + "' has no valid prefix length");
                    }
                    if (prefix < 0 || prefix > max) {
                        throw new IllegalArgumentException("'" + entry + "' has a prefix length beyond " + max);
                    }
                    n.add(a.getAddress());
                    b.add(prefix);
                }
            }
            return new Ranges(Collections.unmodifiableList(n), Collections.unmodifiableList(b));
        }

        public boolean isEmpty() {
            return networks.isEmpty();
        }

        public boolean contains(String address) {
            if (networks.isEmpty()) {
                return false;
            }
            InetAddress a = parseLiteral(address);
            if (a == null) {
                return false;
            }
            byte[] bytes = a.getAddress();
            for (int i = 0; i < networks.size(); i++) {
                if (matches(networks.get(i), bits.get(i), bytes)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matches(byte[] network, int prefix, byte[] address) {
            if (network.length != address.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (network[i] != address[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (network[whole] & mask) == (address[whole] & mask);
        }
    }

    /**
     * The group wrong tickets are counted in: an IPv4 address itself, an IPv6 address's /64
     * (one subscriber's network: a guesser there has all of it to hop around in).
     */
    public static String guessGroup(String address) {
        InetAddress a = parseLiteral(address);
        if (!(a instanceof Inet6Address)) {
            return address;
        }
        byte[] b = a.getAddress();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            s.append(Integer.toHexString(((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF))).append(':');
        }
        return s.append(":/64").toString();
    }

    /**
     * An IP literal, never a name lookup: null for anything that is not one. IPv4 is parsed here
     * (four decimal octets up to 255); IPv6 goes to the JDK only in a shape its literal parser
     * takes (a hex digit or a colon first, a colon inside), which then never asks a resolver.
     */
    public static InetAddress parseLiteral(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return null;
        }
        try {
            if (IPV4.matcher(s).matches()) {
                byte[] b = new byte[4];
                String[] parts = s.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return null;
                    }
                    b[i] = (byte) octet;
                }
                return InetAddress.getByAddress(b);
            }
            if (IPV6.matcher(s).matches()) {
                InetAddress a = InetAddress.getByName(s);
                return a instanceof Inet4Address || a instanceof Inet6Address ? a : null;
            }
            return null;
        } catch (UnknownHostException | SecurityException | NumberFormatException e) {
            return null;
        }
    }

    /** A hop as written in a header, cleaned to an address: quotes, brackets and ports off. */
    static String literal(String hop) {
        String h = hop.strip();
        if (h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            h = close < 0 ? "" : h.substring(1, close);
        } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            h = h.substring(0, h.indexOf(':')); // IPv4 with a port
        }
        InetAddress a = parseLiteral(h);
        return a == null ? null : a.getHostAddress();
    }

    /** The comma-separated entries of every value of a header, in order. */
    private static List<String> elements(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** A parameter of one {@code Forwarded} element ({@code for=…;proto=…}); null when absent. */
    private static String parameter(String element, String name) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return pair.substring(eq + 1).strip();
            }
        }
        return null;
    }

    private static List<String> forwardedHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String element : elements(values)) {
            String hop = parameter(element, "for");
            hops.add(hop == null ? "unknown" : hop);
        }
        return hops;
    }
}
