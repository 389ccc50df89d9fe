package io.deskside.it.host;

import static io.deskside.it.host.HostTicketSessionIT.WAIT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.it.support.Api;
import io.deskside.it.support.Deployments;
import io.deskside.it.support.HelpDesk;
import io.deskside.protocol.ticket.TicketCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Host's three timings (issue 12, host-plan §7.1), each over fresh {@code java -jar} runs as an
 * end user starts it (a cold JVM every time), against the real EAR: {@code java -jar} to the window
 * on the screen, Connect to {@code Waiting…} on loopback (TLS, pinned), and Allow to the first full
 * 1920×1080 frame drawn at a headless Guest. The Host marks its moments on stderr
 * ({@code -Ddeskside.host.timing=true}, {@code io.deskside.host.Timing}); the launch and the frame
 * are this JVM's clock, the same machine's.
 *
 * <p>Not part of the suite (its name does not end in IT): {@code benchmarks/host-timings.sh} runs it
 * and writes {@code arquillian-tests/target/host-timings.md}. The ticket is typed a second after the
 * window shows, as no person types nine digits faster; the Host warms its crypto meanwhile.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostTimingsBench {

    static final int RUNS = Integer.getInteger("deskside.bench.runs", 10);
    static final Duration READING_THE_WINDOW = Duration.ofSeconds(1);
    private static final Pattern MARK = Pattern.compile("deskside-timing (\\w+) (\\d+)");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.desksideWithFixture();
    }

    @Test
    void measureTheHostsThreeTimings() throws Exception {
        Xvfb display = Xvfb.display();
        Api bob = HelpDesk.as(HelpDesk.account("bob", "technician"));
        Map<String, List<Long>> timings = new TreeMap<>();
        try (TestDesktop desktop = TestDesktop.start(display)) {
            for (int run = 1; run <= RUNS; run++) {
                TicketCode code = HostTicketSessionIT.issueTicket(bob);
                try (HostProcess host = HostProcess.start(display, HostTicketSessionIT.hostConfig(), "timing",
                        List.of("-Ddeskside.host.timing=true", "-Ddeskside.host.keep-jar=true"))) {
                    HostProcess.Window window = host.awaitWindow(HostTicketSessionIT.TITLE);
                    long shown = awaitMark(host, "shown");
                    Thread.sleep(READING_THE_WINDOW.toMillis());
                    var asked = HostTicketSessionIT.askWithTicket(host, desktop, code, bob);
                    try (HeadlessGuest guest = HeadlessGuest.open(bob, asked.id(), code.secret())) {
                        host.awaitFocus(HostTicketSessionIT.awaitConfirmDialog(host, window));
                        desktop.keys("alt+a");
                        guest.awaitKeys(WAIT);
                        guest.requestFull();
                        guest.awaitFinalFrame(WAIT);
                        long frame = System.currentTimeMillis();
                        add(timings, "1 java -jar to the window on the screen", shown - host.launchedAt());
                        add(timings, "2 Connect to Waiting (loopback, TLS)", awaitMark(host, "waiting") - awaitMark(host, "connect"));
                        long allowed = awaitMark(host, "allowed");
                        add(timings, "3 Allow to the first full 1080p frame at the Guest", frame - allowed);
                        // Where that time goes, by the Host's marks.
                        add(timings, "4 ... Allow to SESSION from the gateway", awaitMark(host, "session") - allowed);
                        add(timings, "5 ... the key exchange (J-PAKE, three rounds through the gateway)", awaitMark(host, "keys") - awaitMark(host, "session"));
                        long keys = awaitMark(host, "keys");
                        long request = awaitMark(host, "request");
                        long encoded = awaitMark(host, "encoded");
                        add(timings, "6 ... keys to the Guest's first request at the Host", request - keys);
                        add(timings, "7 ... keys to the answer captured and encoded (the head start)", encoded - keys);
                        add(timings, "8 ... the later of the two to the frame drawn at the Guest", frame - Math.max(request, encoded));
                        guest.disconnect();
                        host.awaitExit(WAIT);
                    }
                }
            }
        }
        String table = table(timings);
        System.out.println(table);
        Files.writeString(Path.of("target", "host-timings.md"), table, StandardCharsets.UTF_8);
        assertTrue(timings.values().stream().allMatch(l -> l.size() == RUNS), "every run measured all three");
    }

    private static void add(Map<String, List<Long>> timings, String what, long ms) {
        timings.computeIfAbsent(what, k -> new ArrayList<>()).add(ms);
    }

    /** The Host's mark for {@code event}, waiting for it to be written. */
    private static long awaitMark(HostProcess host, String event) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong at = mark(host.stderr(), event);
            if (at.isPresent()) {
                return at.getAsLong();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the Host never marked " + event + "; its stderr: " + host.stderr());
    }

    private static OptionalLong mark(String stderr, String event) {
        Matcher m = MARK.matcher(stderr);
        while (m.find()) {
            if (m.group(1).equals(event)) {
                return OptionalLong.of(Long.parseLong(m.group(2)));
            }
        }
        return OptionalLong.empty();
    }

    private static String table(Map<String, List<Long>> timings) {
        StringBuilder t = new StringBuilder("| timing (" + RUNS + " cold runs) | median | p90 | max |\n|---|---|---|---|\n");
        for (var e : timings.entrySet()) {
            List<Long> sorted = e.getValue().stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            long p90 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.9) - 1));
            t.append("| ").append(e.getKey().substring(2)).append(" | ").append(median).append(" ms | ").append(p90).append(" ms | ")
                    .append(sorted.get(sorted.size() - 1)).append(" ms |\n");
        }
        return t.toString();
    }
}
