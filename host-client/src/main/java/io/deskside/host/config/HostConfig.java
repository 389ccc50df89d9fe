package io.deskside.host.config;

import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.wire.Message;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a Host download is for: which gateway it reaches (and the certificates it trusts there),
 * how the end user asks for help, the most it lets a technician do, and its words and name. It is
 * read once at start from the jar's {@code /host-config.xml} ({@link HostConfigReader}) and written
 * into a jar by the download issue ({@link #toXml}); it never changes while the Host runs.
 *
 * <p>The constructor refuses what would make a Host unsafe or unusable: a tunnel that is not
 * {@code wss://} (plain {@code ws://} only to this computer, for tests), a {@code wss://} tunnel
 * without 1 to 4 pins, a request mode without the services it needs, over-long words. Messages
 * name the element of the XML that is wrong, since that is where a help desk would fix it.
 *
 * @param tunnel the gateway's tunnel endpoint
 * @param pins SHA-256 hashes of the gateway's leaf certificate (DER), 32 bytes each; old and new during a rotation
 * @param credential the download's gateway credential, or null when the Host must fetch one
 * @param transports the transports to try, in order
 * @param proxy {@code system}, {@code direct} or {@code host:port}
 * @param services the services offered in {@code CHOOSE} mode, or the one of {@code FIXED}/{@code AUTO}
 * @param allow the ceiling: what the end user can allow at most
 * @param labels words replacing the English defaults, by key
 * @param hotkeyAvoid function keys (1 to 12) the emergency disconnect must not use: the help desk's
 *                    users' software needs them (the Host takes the first other one from F12 down)
 */
public record HostConfig(URI tunnel, List<byte[]> pins, String credential, List<GatewayTunnel.Mode> transports, String proxy, Mode mode,
        List<String> services, boolean nameShown, boolean messageShown, Set<Message.Permission> allow, Map<String, String> labels,
        String brandName, Set<Integer> hotkeyAvoid) {

    /** How the end user asks for help: with a ticket, by choosing a service, for the one service, or at once. */
    public enum Mode {
        TICKET, CHOOSE, FIXED, AUTO
    }

    public static final int PIN_BYTES = 32;
    public static final int MAX_PINS = 4;
    public static final int MAX_SERVICES = 50;
    public static final int MAX_TEXT_CHARS = 200;
    public static final int MAX_CREDENTIAL_CHARS = 2048;
    public static final String DEFAULT_BRAND_NAME = "Deskside";
    /** F12: the highest function key, where the emergency disconnect starts looking. */
    public static final int MAX_FUNCTION_KEY = 12;
    public static final Set<Message.Permission> FULL_ACCESS = Set.copyOf(EnumSet.of(Message.Permission.VIEW, Message.Permission.CONTROL,
            Message.Permission.ANNOTATE, Message.Permission.CHAT, Message.Permission.FILES, Message.Permission.CLIPBOARD));

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-zA-Z0-9._-]{0,63}");
    private static final Pattern PROXY_ADDRESS = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]+):([0-9]{1,5})");

    public HostConfig {
        Objects.requireNonNull(tunnel, "tunnel");
        Objects.requireNonNull(mode, "mode");
        pins = copyPins(Objects.requireNonNull(pins, "pins"));
        checkTunnel(tunnel, pins.size());
        checkCredential(credential);
        transports = List.copyOf(Objects.requireNonNull(transports, "transports"));
        if (transports.isEmpty() || new HashSet<>(transports).size() != transports.size()) {
            throw new IllegalArgumentException("transports: name each of websocket, streaming, transaction at most once, and at least one");
        }
        checkProxy(proxy);
        services = Objects.requireNonNull(services, "services").stream().map(HostConfig::stripped).toList();
        checkServices(mode, services);
        allow = Set.copyOf(Objects.requireNonNull(allow, "allow"));
        if (allow.isEmpty()) {
            throw new IllegalArgumentException("allow: name at least one permission (view, to be of any use)");
        }
        Map<String, String> words = new TreeMap<>();
        Objects.requireNonNull(labels, "labels").forEach((key, text) -> {
            checkLabel(key, stripped(text));
            words.put(key, stripped(text));
        });
        labels = Map.copyOf(words);
        brandName = stripped(brandName);
        checkText("name (branding)", brandName);
        hotkeyAvoid = Set.copyOf(Objects.requireNonNull(hotkeyAvoid, "hotkeyAvoid"));
        for (int key : hotkeyAvoid) {
            if (key < 1 || key > MAX_FUNCTION_KEY) {
                throw new IllegalArgumentException("hotkey: avoid names F1 to F12, not F" + key);
            }
        }
        if (hotkeyAvoid.size() == MAX_FUNCTION_KEY) {
            throw new IllegalArgumentException("hotkey: leave at least one function key for the emergency disconnect");
        }
    }

    /** A Host whose emergency disconnect may take any function key. */
    public HostConfig(URI tunnel, List<byte[]> pins, String credential, List<GatewayTunnel.Mode> transports, String proxy, Mode mode,
            List<String> services, boolean nameShown, boolean messageShown, Set<Message.Permission> allow, Map<String, String> labels,
            String brandName) {
        this(tunnel, pins, credential, transports, proxy, mode, services, nameShown, messageShown, allow, labels, brandName, Set.of());
    }

    /** A ticket Host for this gateway: every transport, the system's proxy, both fields shown, full access, English words. */
    public static HostConfig ticket(URI tunnel, List<byte[]> pins, String credential) {
        return new HostConfig(tunnel, pins, credential, List.of(GatewayTunnel.Mode.values()), "system", Mode.TICKET, List.of(), true, true,
                FULL_ACCESS, Map.of(), DEFAULT_BRAND_NAME);
    }

    /** The same Host with another ceiling (a view-only Host: view, annotate, chat). */
    public HostConfig withAllow(Set<Message.Permission> allow) {
        return new HostConfig(tunnel, pins, credential, transports, proxy, mode, services, nameShown, messageShown, allow, labels, brandName, hotkeyAvoid);
    }

    /** The same Host with the gateway credential it fetched at start (host-plan §2.4), held in memory only. */
    public HostConfig withCredential(String credential) {
        return new HostConfig(tunnel, pins, credential, transports, proxy, mode, services, nameShown, messageShown, allow, labels, brandName, hotkeyAvoid);
    }

    /** The same Host with function keys its emergency disconnect must leave alone. */
    public HostConfig withHotkeyAvoid(Set<Integer> keys) {
        return new HostConfig(tunnel, pins, credential, transports, proxy, mode, services, nameShown, messageShown, allow, labels, brandName, keys);
    }

    /** The same Host asking for help another way. */
    public HostConfig withMode(Mode mode, List<String> services) {
        return new HostConfig(tunnel, pins, credential, transports, proxy, mode, services, nameShown, messageShown, allow, labels, brandName, hotkeyAvoid);
    }

    /** Copies, so that nobody changes a pin of a config others hold. */
    @Override
    public List<byte[]> pins() {
        return copyPins(pins);
    }

    /** The configured words for {@code key}, or {@code english} when the help desk left them alone. */
    public String label(String key, String english) {
        return labels.getOrDefault(key, english);
    }

    /** This config as {@code host-config.xml}; {@link HostConfigReader#read} gives it back equal. */
    public String toXml() {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<deskside-host version=\"1\">\n  <gateway>\n");
        element(x, "    ", "tunnel", tunnel.toString());
        for (byte[] pin : pins) {
            element(x, "    ", "pin", HostConfigReader.PIN_PREFIX + Base64.getEncoder().encodeToString(pin));
        }
        if (credential != null) {
            element(x, "    ", "credential", credential);
        }
        element(x, "    ", "transports", String.join(" ", transports.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList()));
        element(x, "    ", "proxy", proxy);
        x.append("  </gateway>\n  <request mode=\"").append(mode.name().toLowerCase(Locale.ROOT)).append("\">\n");
        for (String service : services) {
            element(x, "    ", "service", service);
        }
        x.append("    <field name=\"name\" shown=\"").append(nameShown).append("\"/>\n");
        x.append("    <field name=\"message\" shown=\"").append(messageShown).append("\"/>\n");
        if (!hotkeyAvoid.isEmpty()) {
            x.append("    <hotkey avoid=\"").append(String.join(" ", new java.util.TreeSet<>(hotkeyAvoid).descendingSet().stream().map(k -> "F" + k).toList()))
                    .append("\"/>\n");
        }
        x.append("  </request>\n");
        element(x, "  ", "allow", String.join(" ", EnumSet.copyOf(allow).stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList()));
        if (!labels.isEmpty()) {
            x.append("  <labels>\n");
            new TreeMap<>(labels).forEach((key, text) -> x.append("    <label key=\"").append(escape(key)).append("\">").append(escape(text))
                    .append("</label>\n"));
            x.append("  </labels>\n");
        }
        x.append("  <branding>\n");
        element(x, "    ", "name", brandName);
        return x.append("  </branding>\n</deskside-host>\n").toString();
    }

    private static void element(StringBuilder x, String indent, String name, String text) {
        x.append(indent).append('<').append(name).append('>').append(escape(text)).append("</").append(name).append(">\n");
    }

    /** Text and attribute values; a tab is written as a reference so that it survives attribute normalisation. */
    private static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\t' -> b.append("&#9;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Pins compare by their bytes (a record would compare the arrays' identities). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HostConfig c)) {
            return false;
        }
        if (pins.size() != c.pins.size()) {
            return false;
        }
        for (int i = 0; i < pins.size(); i++) {
            if (!Arrays.equals(pins.get(i), c.pins.get(i))) {
                return false;
            }
        }
        return tunnel.equals(c.tunnel) && Objects.equals(credential, c.credential) && transports.equals(c.transports) && proxy.equals(c.proxy)
                && mode == c.mode && services.equals(c.services) && nameShown == c.nameShown && messageShown == c.messageShown
                && allow.equals(c.allow) && labels.equals(c.labels) && brandName.equals(c.brandName) && hotkeyAvoid.equals(c.hotkeyAvoid);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(tunnel, credential, transports, proxy, mode, services, nameShown, messageShown, allow, labels, brandName,
                hotkeyAvoid);
        for (byte[] pin : pins) {
            h = 31 * h + Arrays.hashCode(pin);
        }
        return h;
    }

    /** Never the credential: this may end up in a log. */
    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        for (byte[] pin : pins) {
            shown.add("sha256/" + Base64.getEncoder().encodeToString(pin));
        }
        return "HostConfig[" + tunnel + ", pins " + shown + (credential == null ? ", no credential" : ", with a credential") + ", "
                + transports + ", proxy " + proxy + ", " + mode + " " + services + ", allow " + EnumSet.copyOf(allow) + ", " + labels.size() + " labels, " + brandName + ", hotkey avoids " + new java.util.TreeSet<>(hotkeyAvoid) + "]";
    }

    private static List<byte[]> copyPins(List<byte[]> pins) {
        List<byte[]> copy = new ArrayList<>(pins.size());
        for (byte[] pin : pins) {
            copy.add(Objects.requireNonNull(pin, "pin").clone());
        }
        return List.copyOf(copy);
    }

    private static void checkTunnel(URI tunnel, int pins) {
        String scheme = tunnel.getScheme() == null ? "" : tunnel.getScheme().toLowerCase(Locale.ROOT);
        String host = tunnel.getHost();
        if (!tunnel.isAbsolute() || host == null || host.isEmpty()) {
            throw new IllegalArgumentException("tunnel: not an absolute address with a host: " + tunnel);
        }
        if (tunnel.getRawUserInfo() != null || tunnel.getRawFragment() != null) {
            throw new IllegalArgumentException("tunnel: no user name or fragment in the address: " + tunnel);
        }
        switch (scheme) {
            case "wss" -> {
                if (pins < 1 || pins > MAX_PINS) {
                    throw new IllegalArgumentException("pin: a wss:// tunnel needs 1 to " + MAX_PINS + " pins, not " + pins);
                }
            }
            case "ws" -> {
                if (!LOOPBACK.contains(host.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("tunnel: ws:// (unencrypted) only to this computer (127.0.0.1, localhost, ::1), not " + host);
                }
                if (pins != 0) {
                    throw new IllegalArgumentException("pin: a ws:// tunnel has no certificate to pin");
                }
            }
            default -> throw new IllegalArgumentException("tunnel: the address must start with wss:// (ws:// for this computer only): " + tunnel);
        }
    }

    private static void checkCredential(String credential) {
        if (credential == null) {
            return;
        }
        if (credential.isEmpty() || credential.length() > MAX_CREDENTIAL_CHARS || !credential.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("credential: 1 to " + MAX_CREDENTIAL_CHARS + " printable ASCII characters without spaces");
        }
    }

    private static void checkProxy(String proxy) {
        Objects.requireNonNull(proxy, "proxy");
        if (proxy.equals("system") || proxy.equals("direct")) {
            return;
        }
        var m = PROXY_ADDRESS.matcher(proxy);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65_535) {
            throw new IllegalArgumentException("proxy: system, direct or host:port (a port 1 to 65535), not " + proxy);
        }
    }

    private static void checkServices(Mode mode, List<String> services) {
        services.forEach(s -> checkText("service", s));
        if (new HashSet<>(services).size() != services.size()) {
            throw new IllegalArgumentException("service: each service once");
        }
        int n = services.size();
        switch (mode) {
            case TICKET -> {
                if (n > MAX_SERVICES) { // listed but unused, as in the plan's sample
                    throw new IllegalArgumentException("service: at most " + MAX_SERVICES + " services, not " + n);
                }
            }
            case CHOOSE -> {
                if (n < 1 || n > MAX_SERVICES) {
                    throw new IllegalArgumentException("service: mode choose offers 1 to " + MAX_SERVICES + " services, not " + n);
                }
            }
            case FIXED, AUTO -> {
                if (n != 1) {
                    throw new IllegalArgumentException("service: mode " + mode.name().toLowerCase(Locale.ROOT) + " needs exactly one service, not " + n);
                }
            }
        }
    }

    /** Surrounding white space goes: an indented XML file means none. */
    private static String stripped(String text) {
        return text == null ? null : text.strip();
    }

    private static void checkLabel(String key, String text) {
        if (key == null || !LABEL_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("label: a key is a short word (letters, digits, . _ -), not '" + key + "'");
        }
        checkText("label '" + key + "'", text);
    }

    private static void checkText(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + ": empty");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException(what + ": longer than " + MAX_TEXT_CHARS + " characters");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new IllegalArgumentException(what + ": contains a control character");
        }
    }
}
