package io.deskside.host.config;

import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.wire.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads {@code host-config.xml} (host-plan §2.1) into a {@link HostConfig}. The file comes from
 * the Host's own jar, but a jar can be tampered with and the parser is the JDK's, so it is read
 * as hostile: at most {@value #MAX_CONFIG_BYTES} bytes, no DOCTYPE (so no entities, internal or
 * external), secure processing. It is read strictly, too: an element or attribute it does not
 * know is an error naming it, rather than a setting silently ignored (a misspelt
 * {@code <alow>} must not leave a Host with full access).
 */
public final class HostConfigReader {

    public static final int MAX_CONFIG_BYTES = 64 * 1024;
    public static final String PIN_PREFIX = "sha256/";
    public static final String VERSION = "1";

    private HostConfigReader() {
    }

    /** The config in {@code in} (read up to its end, not closed), or why it cannot be used. */
    public static HostConfig read(InputStream in) throws InvalidConfig {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidConfig("host-config.xml: cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new InvalidConfig("host-config.xml: larger than " + MAX_CONFIG_BYTES / 1024 + " KB");
        }
        Element root = parse(bytes).getDocumentElement();
        if (!root.getTagName().equals("deskside-host")) {
            throw new InvalidConfig("the root element must be <deskside-host>, not <" + root.getTagName() + ">");
        }
        attributes(root, "version");
        String version = required(root, "version");
        if (!VERSION.equals(version)) {
            throw new InvalidConfig("deskside-host: version=\"" + VERSION + "\" expected, not \"" + abbreviated(version) + "\"");
        }
        Map<String, Element> sections = sections(root, "gateway", "request", "allow", "labels", "branding");
        try {
            return config(sections);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidConfig(e.getMessage(), e);
        }
    }

    private static HostConfig config(Map<String, Element> sections) throws InvalidConfig {
        Element gateway = sections.get("gateway");
        if (gateway == null) {
            throw new InvalidConfig("deskside-host: <gateway> is missing");
        }
        attributes(gateway);
        URI tunnel = null;
        List<byte[]> pins = new ArrayList<>();
        String credential = null;
        List<GatewayTunnel.Mode> transports = List.of(GatewayTunnel.Mode.values());
        String proxy = "system";
        Set<String> seen = new HashSet<>();
        for (Element e : children(gateway, "tunnel", "pin", "credential", "transports", "proxy")) {
            String name = e.getTagName();
            if (!name.equals("pin") && !seen.add(name)) {
                throw new InvalidConfig("gateway: more than one <" + name + ">");
            }
            String text = leaf(e);
            switch (name) {
                case "tunnel" -> tunnel = uri(text);
                case "pin" -> pins.add(pin(text));
                case "credential" -> credential = text;
                case "transports" -> transports = transports(text);
                default -> proxy = text;
            }
        }
        if (tunnel == null) {
            throw new InvalidConfig("gateway: <tunnel> is missing");
        }

        HostConfig.Mode mode = HostConfig.Mode.TICKET;
        List<String> services = new ArrayList<>();
        Map<String, Boolean> fields = new LinkedHashMap<>(Map.of("name", true, "message", true));
        Set<Integer> hotkeyAvoid = null;
        Element request = sections.get("request");
        if (request != null) {
            attributes(request, "mode");
            if (request.hasAttribute("mode")) {
                mode = mode(request.getAttribute("mode"));
            }
            Set<String> fieldsSeen = new HashSet<>();
            for (Element e : children(request, "service", "field", "hotkey")) {
                if (e.getTagName().equals("service")) {
                    services.add(leaf(e));
                    continue;
                }
                if (e.getTagName().equals("hotkey")) {
                    if (hotkeyAvoid != null) {
                        throw new InvalidConfig("request: more than one <hotkey>");
                    }
                    hotkeyAvoid = functionKeys(e);
                    continue;
                }
                attributes(e, "name", "shown");
                if (!text(e).isEmpty()) {
                    throw new InvalidConfig("field: no content expected");
                }
                String field = required(e, "name");
                if (!fields.containsKey(field)) {
                    throw new InvalidConfig("field: name=\"name\" or name=\"message\", not \"" + field + "\"");
                }
                if (!fieldsSeen.add(field)) {
                    throw new InvalidConfig("field: \"" + field + "\" more than once");
                }
                fields.put(field, bool("field shown", required(e, "shown")));
            }
        }

        Set<Message.Permission> allow = HostConfig.FULL_ACCESS;
        if (sections.containsKey("allow")) {
            allow = permissions(leaf(sections.get("allow")));
        }

        Map<String, String> labels = new LinkedHashMap<>();
        if (sections.containsKey("labels")) {
            attributes(sections.get("labels"));
            for (Element e : children(sections.get("labels"), "label")) {
                attributes(e, "key");
                String key = required(e, "key");
                if (labels.put(key, text(e)) != null) {
                    throw new InvalidConfig("label: key \"" + key + "\" more than once");
                }
            }
        }

        String brandName = HostConfig.DEFAULT_BRAND_NAME;
        Element branding = sections.get("branding");
        if (branding != null) {
            attributes(branding);
            Set<String> brandingSeen = new HashSet<>();
            for (Element e : children(branding, "name", "logo", "accent")) {
                if (!brandingSeen.add(e.getTagName())) {
                    throw new InvalidConfig("branding: more than one <" + e.getTagName() + ">");
                }
                String text = leaf(e); // logo and accent: accepted, not used yet
                if (e.getTagName().equals("name")) {
                    brandName = text;
                }
            }
        }
        return new HostConfig(tunnel, pins, credential, transports, proxy, mode, services, fields.get("name"), fields.get("message"), allow,
                labels, brandName, hotkeyAvoid == null ? Set.of() : hotkeyAvoid);
    }

    // ---- the values, also for the command line of the jar builder

    /** {@code sha256/<base64 of 32 bytes>}: the SHA-256 of the gateway's certificate (DER). */
    public static byte[] pin(String text) throws InvalidConfig {
        if (!text.startsWith(PIN_PREFIX)) {
            throw new InvalidConfig("pin: " + PIN_PREFIX + "<base64>, not \"" + abbreviated(text) + "\"");
        }
        byte[] pin;
        try {
            pin = Base64.getDecoder().decode(text.substring(PIN_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfig("pin: not base64: \"" + abbreviated(text) + "\"", e);
        }
        if (pin.length != HostConfig.PIN_BYTES) {
            throw new InvalidConfig("pin: a SHA-256 is " + HostConfig.PIN_BYTES + " bytes, this is " + pin.length);
        }
        return pin;
    }

    /** Words among view control annotate chat files clipboard record, separated by white space. */
    public static Set<Message.Permission> permissions(String words) throws InvalidConfig {
        Set<Message.Permission> allow = EnumSet.noneOf(Message.Permission.class);
        for (String word : words(words)) {
            try {
                allow.add(Message.Permission.valueOf(word.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfig("allow: unknown permission \"" + abbreviated(word) + "\" (view control annotate chat files clipboard)", e);
            }
        }
        return allow;
    }

    /** {@code ticket}, {@code choose}, {@code fixed} or {@code auto}. */
    public static HostConfig.Mode mode(String word) throws InvalidConfig {
        for (HostConfig.Mode m : HostConfig.Mode.values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(word)) {
                return m;
            }
        }
        throw new InvalidConfig("request: mode is ticket, choose, fixed or auto, not \"" + abbreviated(word) + "\"");
    }

    /** Words among websocket streaming transaction, in the order to try them. */
    public static List<GatewayTunnel.Mode> transports(String words) throws InvalidConfig {
        List<GatewayTunnel.Mode> modes = new ArrayList<>();
        for (String word : words(words)) {
            try {
                modes.add(GatewayTunnel.Mode.valueOf(word.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfig("transports: unknown transport \"" + abbreviated(word) + "\" (websocket streaming transaction)", e);
            }
        }
        return modes;
    }

    // ---- the XML

    private static Document parse(byte[] bytes) throws InvalidConfig {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            f.setValidating(false);
            f.setCoalescing(true);
            f.setIgnoringComments(true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new Refusing());
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("no external entities");
            });
            return b.parse(new InputSource(new ByteArrayInputStream(bytes)));
        } catch (SAXParseException e) {
            throw new InvalidConfig("host-config.xml: not well-formed XML at line " + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new InvalidConfig("host-config.xml: not readable XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
        }
    }

    /** Parse errors become exceptions rather than lines on stderr. */
    private static final class Refusing implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            // nothing the config's author needs
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    /** {@code <hotkey avoid="F12 F11"/>}: the function keys named, F1 to F12. */
    private static Set<Integer> functionKeys(Element e) throws InvalidConfig {
        attributes(e, "avoid");
        if (!text(e).isEmpty()) {
            throw new InvalidConfig("hotkey: no content expected");
        }
        Set<Integer> keys = new HashSet<>();
        for (String name : required(e, "avoid").strip().split("\\s+")) {
            if (!name.matches("F([1-9]|1[0-2])")) {
                throw new InvalidConfig("hotkey: avoid names function keys F1 to F12, not \"" + abbreviated(name) + "\"");
            }
            keys.add(Integer.parseInt(name.substring(1)));
        }
        return keys;
    }

    /** The child elements of {@code parent} by name, each at most once. */
    private static Map<String, Element> sections(Element parent, String... known) throws InvalidConfig {
        Map<String, Element> found = new LinkedHashMap<>();
        for (Element e : children(parent, known)) {
            if (found.put(e.getTagName(), e) != null) {
                throw new InvalidConfig(parent.getTagName() + ": more than one <" + e.getTagName() + ">");
            }
        }
        return found;
    }

    /** The child elements of {@code parent}, all of which must be {@code known}; text between them must be white space. */
    private static List<Element> children(Element parent, String... known) throws InvalidConfig {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            switch (n.getNodeType()) {
                case Node.ELEMENT_NODE -> {
                    Element e = (Element) n;
                    if (!List.of(known).contains(e.getTagName())) {
                        throw new InvalidConfig(parent.getTagName() + ": unknown element <" + abbreviated(e.getTagName()) + ">");
                    }
                    elements.add(e);
                }
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                    if (!n.getNodeValue().isBlank()) {
                        throw new InvalidConfig(parent.getTagName() + ": text where only elements belong: \"" + abbreviated(n.getNodeValue().strip()) + "\"");
                    }
                }
                case Node.COMMENT_NODE -> {
                    // a comment is fine anywhere
                }
                default -> throw new InvalidConfig(parent.getTagName() + ": unexpected " + n.getNodeName());
            }
        }
        return elements;
    }

    /** The text of an element without attributes or children. */
    private static String leaf(Element e) throws InvalidConfig {
        attributes(e);
        return text(e);
    }

    /** The text of an element without children, without surrounding white space. */
    private static String text(Element e) throws InvalidConfig {
        StringBuilder text = new StringBuilder();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            switch (n.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(n.getNodeValue());
                case Node.COMMENT_NODE -> {
                    // ignored
                }
                default -> throw new InvalidConfig(e.getTagName() + ": text only, not <" + abbreviated(n.getNodeName()) + ">");
            }
        }
        return text.toString().strip();
    }

    /** Every attribute of {@code e} must be {@code known}. */
    private static void attributes(Element e, String... known) throws InvalidConfig {
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.item(i).getNodeName();
            if (!List.of(known).contains(name)) {
                throw new InvalidConfig(e.getTagName() + ": unknown attribute " + abbreviated(name));
            }
        }
    }

    private static String required(Element e, String attribute) throws InvalidConfig {
        if (!e.hasAttribute(attribute)) {
            throw new InvalidConfig(e.getTagName() + ": attribute " + attribute + " is missing");
        }
        return e.getAttribute(attribute);
    }

    private static boolean bool(String what, String text) throws InvalidConfig {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfig(what + ": true or false, not \"" + abbreviated(text) + "\"");
        };
    }

    private static URI uri(String text) throws InvalidConfig {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidConfig("tunnel: not an address: " + e.getMessage(), e);
        }
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    /** What the file said, short enough for one line of an error. */
    private static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
