package io.deskside.host.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.wire.Message.Permission;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code host-config.xml} a Host accepts, what it refuses and how it says so. */
class HostConfigReaderTest {

    static final byte[] PIN = pin(1);
    static final String PIN_TEXT = "sha256/" + Base64.getEncoder().encodeToString(PIN);

    static final String SAMPLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <deskside-host version="1">
              <!-- made for the tests -->
              <gateway>
                <tunnel>wss://help.example.com:8443/tunnel</tunnel>
                <pin>PIN</pin>
                <pin>PIN2</pin>
                <credential>h1.2.1767258000.Qx-_</credential>
                <transports>streaming websocket</transports>
                <proxy>proxy.example.com:3128</proxy>
              </gateway>
              <request mode="choose">
                <service>Online banking</service>
                <service>Cards &amp; payments</service>
                <field name="name" shown="true"/>  <field name="message" shown="false"/>
              </request>
              <allow>view annotate chat</allow>
              <labels>
                <label key="title">Example Bank</label> <label key="ticket">Your code</label>
              </labels>
              <branding><name>Example Bank Help Desk</name><logo>logo.png</logo><accent>#0B5FFF</accent></branding>
            </deskside-host>
            """.replace("PIN2", "sha256/" + Base64.getEncoder().encodeToString(pin(2))).replace("PIN", PIN_TEXT);

    static final String MINIMAL = """
            <deskside-host version="1">
              <gateway><tunnel>wss://help.example.com/tunnel</tunnel><pin>PIN</pin></gateway>
            </deskside-host>
            """.replace("PIN", PIN_TEXT);

    static byte[] pin(int fill) {
        byte[] pin = new byte[32];
        Arrays.fill(pin, (byte) fill);
        return pin;
    }

    static HostConfig read(String xml) throws InvalidConfig {
        return HostConfigReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String refusal(String xml) {
        return assertThrows(InvalidConfig.class, () -> read(xml)).getMessage();
    }

    @Test
    void theSampleConfigReadsWithEverySetting() throws Exception {
        HostConfig c = read(SAMPLE);
        assertEquals(URI.create("wss://help.example.com:8443/tunnel"), c.tunnel());
        assertEquals(2, c.pins().size());
        assertArrayEquals(PIN, c.pins().get(0));
        assertArrayEquals(pin(2), c.pins().get(1));
        assertEquals("h1.2.1767258000.Qx-_", c.credential());
        assertEquals(List.of(GatewayTunnel.Mode.STREAMING, GatewayTunnel.Mode.WEBSOCKET), c.transports());
        assertEquals("proxy.example.com:3128", c.proxy());
        assertEquals(HostConfig.Mode.CHOOSE, c.mode());
        assertEquals(List.of("Online banking", "Cards & payments"), c.services());
        assertTrue(c.nameShown());
        assertFalse(c.messageShown());
        assertEquals(EnumSet.of(Permission.VIEW, Permission.ANNOTATE, Permission.CHAT), c.allow());
        assertEquals("Example Bank", c.label("title", "Deskside"));
        assertEquals("Connect", c.label("connect", "Connect"));
        assertEquals("Example Bank Help Desk", c.brandName());
    }

    @Test
    void aConfigWithOnlyTheGatewayGetsTheDefaults() throws Exception {
        HostConfig c = read(MINIMAL);
        assertEquals(HostConfig.ticket(URI.create("wss://help.example.com/tunnel"), List.of(PIN), null), c);
        assertNull(c.credential());
        assertEquals(List.of(GatewayTunnel.Mode.values()), c.transports());
        assertEquals("system", c.proxy());
        assertEquals(HostConfig.Mode.TICKET, c.mode());
        assertEquals(HostConfig.FULL_ACCESS, c.allow());
        assertTrue(c.nameShown() && c.messageShown());
        assertEquals("Deskside", c.brandName());
    }

    /** Each row: what to replace in the sample, with what, and a word the error must contain. */
    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            <allow>view annotate chat</allow> | <alow>view</alow>                          | alow       | an unknown element
            <request mode="choose">          | <request mode="choose" colour="red">        | colour     | an unknown attribute
            <tunnel>wss:                      | <tunnel>https:                              | tunnel     | an https tunnel
            <tunnel>wss:                      | <tunnel>ws:                                 | tunnel     | ws to another host
            <tunnel>wss://help.example.com:8443/tunnel</tunnel> | <tunnel>wss://bad host/</tunnel> | tunnel | a broken address
            <tunnel>wss://help.example.com:8443/tunnel</tunnel> | ''                    | tunnel     | no tunnel
            <proxy>                           | <tunnel>wss://x.example/</tunnel><proxy>    | tunnel     | two tunnels
            <pin>sha256/                      | <pin>sha1/                                  | pin        | a pin of another kind
            <pin>sha256/                      | <pin>sha256/AAAA                            | pin        | a pin of the wrong length
            <pin>sha256/                      | <pin>sha256/!!                              | pin        | a pin not in base64
            <credential>                      | <pin>PIN</pin><pin>PIN</pin><pin>PIN</pin><credential> | pin | five pins
            <credential>h1.2.1767258000.Qx-_  | <credential>h1 2                            | credential | a credential with a space
            streaming websocket               | streaming carrier-pigeon                    | transports | an unknown transport
            proxy.example.com:3128            | proxy.example.com:99999                     | proxy      | a proxy port out of range
            mode="choose"                     | mode="later"                                | mode       | an unknown mode
            <service>Online banking</service> | ''                                          | service    | a fixed mode without its service
            view annotate chat                | view steer                                  | allow      | an unknown permission
            view annotate chat                | ''                                          | allow      | no permission
            shown="false"                     | shown="maybe"                               | field      | a field neither shown nor hidden
            name="message"                    | name="phone"                                | field      | an unknown field
            >Your code<                       | >LONG<                                      | label      | a label too long
            key="ticket"                      | key="title"                                 | label      | a label twice
            version="1"                       | version="2"                                 | version    | another version
            deskside-host                     | host                                        | deskside-host | another root element
            <logo>logo.png</logo>             | <logo><img/></logo>                         | logo       | an element inside a text
            </gateway>                        | </gateway>stray words                       | stray      | text between elements
            """)
    void eachBadValueIsRefusedNamingWhatIsWrong(String from, String to, String named, String what) {
        String xml = SAMPLE.replace(from, to == null ? "" : to.replace("PIN", PIN_TEXT).replace("LONG", "x".repeat(201)));
        if (what.equals("a fixed mode without its service")) {
            xml = xml.replace("mode=\"choose\"", "mode=\"fixed\"").replace("<service>Cards &amp; payments</service>", "");
        }
        assertTrue(!xml.equals(SAMPLE) || what.equals("a fixed mode without its service"), "the row changes the sample: " + from);
        String message = refusal(xml);
        assertTrue(message.contains(named), "'" + message + "' names " + named);
    }

    @Test
    void fixedAndAutoTakeExactlyOneServiceAndTicketIgnoresThem() throws Exception {
        String fixed = SAMPLE.replace("mode=\"choose\"", "mode=\"fixed\"");
        assertTrue(refusal(fixed).contains("exactly one service"));
        HostConfig c = read(fixed.replace("<service>Cards &amp; payments</service>", ""));
        assertEquals(List.of("Online banking"), c.services());
        assertEquals(HostConfig.Mode.TICKET, read(SAMPLE.replace("mode=\"choose\"", "mode=\"ticket\"")).mode());
        String fiftyOne = "<service>s</service>".repeat(51).replace("s</", "s%d</");
        fiftyOne = String.format(fiftyOne, java.util.stream.IntStream.range(0, 51).boxed().toArray());
        assertTrue(refusal(SAMPLE.replace("<service>Online banking</service>", fiftyOne)).contains("service"));
        assertEquals(HostConfig.Mode.AUTO,
                read(SAMPLE.replace("mode=\"choose\"", "mode=\"auto\"").replace("<service>Online banking</service>", "")).mode());
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsEverExpanded() {
        String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE deskside-host [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
                + MINIMAL.replace("</deskside-host>", "<labels><label key=\"title\">&secret;</label></labels></deskside-host>");
        String message = refusal(external);
        assertTrue(message.contains("DOCTYPE"), message);
        assertFalse(message.contains("root:"), "nothing of the file leaks: " + message);

        String internal = "<!DOCTYPE deskside-host [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
                + MINIMAL.replace("</deskside-host>", "<labels><label key=\"title\">&b;</label></labels></deskside-host>");
        assertTrue(refusal(internal).contains("DOCTYPE"));
        assertTrue(refusal("<!DOCTYPE deskside-host SYSTEM \"http://127.0.0.1:1/host.dtd\">\n" + MINIMAL).contains("DOCTYPE"));
    }

    @Test
    void aFileLargerThan64KbIsRefusedUnread() {
        String big = MINIMAL.replace("</deskside-host>", "<!--" + "x".repeat(64 * 1024) + "--></deskside-host>");
        assertTrue(refusal(big).contains("64 KB"));
    }

    @Test
    void brokenXmlIsRefusedWithItsLine() {
        assertTrue(refusal("<deskside-host version=\"1\">\n<gateway>").contains("line"));
        assertTrue(refusal("").contains("host-config.xml"));
    }

    @Test
    void wsIsOnlyForThisComputerAndWithoutPins() throws Exception {
        String ws = MINIMAL.replace("<pin>" + PIN_TEXT + "</pin>", "");
        assertTrue(refusal(ws.replace("wss://help.example.com", "ws://help.example.com")).contains("tunnel"));
        assertTrue(refusal(ws.replace("wss://help.example.com", "ws://10.0.0.1")).contains("tunnel"));
        assertTrue(refusal(MINIMAL.replace("wss://help.example.com", "ws://127.0.0.1")).contains("pin"), "a pin on a ws tunnel");
        for (String loopback : List.of("127.0.0.1:8080", "localhost", "[::1]:8080")) {
            HostConfig c = read(ws.replace("wss://help.example.com", "ws://" + loopback));
            assertTrue(c.pins().isEmpty());
        }
        assertTrue(refusal(ws).contains("pin"), "wss needs a pin");
    }

    @Test
    void toXmlReadsBackEqual() throws Exception {
        HostConfig sample = read(SAMPLE);
        assertEquals(sample, read(sample.toXml()));

        HostConfig odd = HostConfig.ticket(URI.create("wss://help.example.com/tunnel?x=1&y=2"), List.of(PIN, pin(9)), "h1.a.b")
                .withMode(HostConfig.Mode.CHOOSE, List.of("A & B <C>", "\"quoted\" 'and' \tTabbed", "Ünïcødé ✓"))
                .withAllow(EnumSet.of(Permission.VIEW, Permission.RECORD));
        odd = new HostConfig(odd.tunnel(), odd.pins(), odd.credential(), List.of(GatewayTunnel.Mode.TRANSACTION), "[::1]:3128", odd.mode(),
                odd.services(), false, true, odd.allow(), Map.of("title", "<b>&amp;</b>", "connect.button", "Go"), "Brand \"&\" <Co>");
        assertEquals(odd, read(odd.toXml()));

        HostConfig plain = HostConfig.ticket(URI.create("ws://localhost:8080/tunnel"), List.of(), null);
        assertEquals(plain, read(plain.toXml()));
    }

    @Test
    void theHelpDeskCanKeepFunctionKeysFromTheEmergencyDisconnect() throws Exception {
        HostConfig plain = HostConfig.ticket(URI.create("ws://localhost:8080/tunnel"), List.of(), null);
        assertEquals(Set.of(), plain.hotkeyAvoid(), "by default every function key may be the hotkey");
        HostConfig avoiding = plain.withHotkeyAvoid(Set.of(12, 11));
        assertTrue(avoiding.toXml().contains("<hotkey avoid=\"F12 F11\"/>"), avoiding.toXml());
        assertEquals(avoiding, read(avoiding.toXml()));
        assertEquals(Set.of(12, 11), read(avoiding.toXml()).hotkeyAvoid());

        String xml = avoiding.toXml();
        assertTrue(refusal(xml.replace("F12 F11", "F13")).contains("F1 to F12"));
        assertTrue(refusal(xml.replace("F12 F11", "Esc")).contains("F1 to F12"));
        assertTrue(refusal(xml.replace("<hotkey avoid=\"F12 F11\"/>", "<hotkey avoid=\"F12\"/><hotkey avoid=\"F11\"/>")).contains("more than one"));
        assertThrows(IllegalArgumentException.class, () -> plain.withHotkeyAvoid(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)),
                "one key must be left for the disconnect");
    }

    @Test
    void theConfigKeepsItsOwnCopiesOfThePins() {
        byte[] pin = pin(3);
        HostConfig c = HostConfig.ticket(URI.create("wss://help.example.com/tunnel"), List.of(pin), "h1.secret");
        pin[0] = 42;
        c.pins().get(0)[1] = 42;
        assertArrayEquals(pin(3), c.pins().get(0));
    }

    @Test
    void theCredentialIsNeverInToString() {
        HostConfig c = HostConfig.ticket(URI.create("wss://help.example.com/tunnel"), List.of(PIN), "h1.secret");
        assertFalse(c.toString().contains("h1.secret"), c.toString());
    }

    @Test
    void theWithersKeepEverythingElse() {
        HostConfig c = HostConfig.ticket(URI.create("wss://help.example.com/tunnel"), List.of(PIN), "h1.secret");
        HostConfig viewOnly = c.withAllow(Set.of(Permission.VIEW, Permission.ANNOTATE, Permission.CHAT));
        assertEquals(Set.of(Permission.VIEW, Permission.ANNOTATE, Permission.CHAT), viewOnly.allow());
        assertEquals(c, viewOnly.withAllow(HostConfig.FULL_ACCESS));
        HostConfig auto = c.withMode(HostConfig.Mode.AUTO, List.of("Cards"));
        assertEquals(List.of("Cards"), auto.services());
        assertEquals(c, auto.withMode(HostConfig.Mode.TICKET, List.of()));
        assertThrows(IllegalArgumentException.class, () -> c.withMode(HostConfig.Mode.CHOOSE, List.of()));
    }

    @Test
    void aFetchedCredentialJoinsAConfigWithoutOneUnderTheSameRules() throws Exception {
        HostConfig none = read(MINIMAL);
        HostConfig fetched = none.withCredential("h1.2.1767258000.Qx-_");
        assertEquals("h1.2.1767258000.Qx-_", fetched.credential());
        assertEquals(none, fetched.withCredential(null), "nothing else changes");
        assertThrows(IllegalArgumentException.class, () -> none.withCredential("h1 2"));
        assertThrows(IllegalArgumentException.class, () -> none.withCredential(""));
    }
}
