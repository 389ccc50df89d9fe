package io.deskside.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.deskside.protocol.crypto.SealedChannel;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.link.Link;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameDecoder;
import io.deskside.protocol.wire.FrameType;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link GatewayTunnel#unsentBytes} and {@link GatewayTunnel#whenWritten} report, against a
 * stand-in gateway in HTTP transaction mode that answers a POST carrying frames only when the
 * test lets it (so a request stays in flight as long as the test wants).
 */
class GatewayTunnelSendAheadTest {

    private HttpServer server;
    private ExecutorService threads;
    private final Semaphore answerData = new Semaphore(0);
    private final AtomicLong received = new AtomicLong();
    private final List<Frame> data = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startGateway() throws IOException {
        threads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext(HttpTunnelContract.HOST_PATH, this::answer);
        server.start();
    }

    @AfterEach
    void stopGateway() {
        answerData.release(1000);
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange x) throws IOException {
        try (x) {
            List<Frame> frames = new FrameDecoder().feed(x.getRequestBody().readAllBytes());
            byte[] body = new byte[0];
            if (!frames.isEmpty() && frames.get(0).type() == FrameType.HELLO) {
                body = new Message.Welcome("tunnel.secret", 30).toFrame().encode();
            } else {
                frames.stream().filter(f -> f.type() == FrameType.DATA).forEach(data::add);
                long counted = frames.stream().filter(f -> Link.sequenced(f.type())).count();
                if (counted > 0) {
                    answerData.acquire();
                    received.set(Long.parseLong(x.getRequestHeaders().getFirst(HttpTunnelContract.SEQ)) + counted);
                } else {
                    Thread.sleep(50); // a poll: nothing comes down
                }
            }
            x.getResponseHeaders().add(HttpTunnelContract.RECEIVED, Long.toString(received.get()));
            x.getResponseHeaders().add(HttpTunnelContract.SEQ, "0");
            x.sendResponseHeaders(HttpTunnelContract.FRAMES, body.length == 0 ? -1 : body.length);
            x.getResponseBody().write(body);
        } catch (Exception e) {
            x.sendResponseHeaders(HttpTunnelContract.MALFORMED, -1);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "in time: " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void framesWaitingBehindARequestInFlightCountAsUnsentUntilTheNextRequestTakesThem() throws Exception {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + HttpTunnelContract.HOST_PATH);
        try (GatewayTunnel tunnel = GatewayTunnel.open(
                GatewayTunnel.Options.of(endpoint, Message.Role.HOST, "test").modes(GatewayTunnel.Mode.TRANSACTION).direct())) {
            AtomicInteger hooks = new AtomicInteger();
            tunnel.whenWritten(hooks::incrementAndGet);

            tunnel.send(new Message.Data(1, new byte[1000]));
            await(() -> hooks.get() >= 1, "the first frame is taken by a request");
            assertEquals(0, tunnel.unsentBytes(), "a frame in a request on its way is written");

            int frame = new Message.Data(1, new byte[2000]).toFrame().encode().length;
            tunnel.send(new Message.Data(1, new byte[2000]));
            tunnel.send(new Message.Data(1, new byte[2000]));
            Thread.sleep(200);
            assertEquals(2L * frame, tunnel.unsentBytes(), "one request at a time: the next two wait in the tunnel");

            int before = hooks.get();
            answerData.release();
            await(() -> tunnel.unsentBytes() == 0, "the answer lets the next request take them");
            assertTrue(hooks.get() > before, "and the hook heard of it");
            answerData.release(10);
        }
    }

    @Test
    void sealedStreamsMoveAFileBacklogThroughARealTunnelDrivenByItsHookAlone() throws Exception {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + HttpTunnelContract.HOST_PATH);
        answerData.release(1000);
        byte[] agreed = "an agreed secret of 32 bytes....".getBytes(StandardCharsets.US_ASCII);
        SealedChannel host = SessionKeys.derive(agreed, new byte[1]).forHost();
        SealedChannel guest = SessionKeys.derive(agreed, new byte[1]).forGuest();
        int files = DesktopStream.FILES.code();
        try (GatewayTunnel tunnel = GatewayTunnel.open(
                GatewayTunnel.Options.of(endpoint, Message.Role.HOST, "test").modes(GatewayTunnel.Mode.TRANSACTION).direct());
                SealedStreams streams = new SealedStreams(host, tunnel)) {
            streams.credit(files, CreditWindow.MAX_WINDOW_BYTES);
            for (int i = 0; i < 32; i++) {
                assertTrue(streams.offer(files, new byte[64 << 10]));
            }
            assertTrue(tunnel.unsentBytes() <= SealedStreams.SEND_AHEAD_BYTES, "the backlog waits in the streams");
            await(() -> data.size() == 32, "every chunk reached the gateway: " + data.size());
            for (Frame f : data) {
                Message.Data d = (Message.Data) Message.decode(f);
                assertEquals(files, d.stream());
                assertEquals(64 << 10, guest.open(d.stream(), d.sealed()).length);
            }
        }
    }
}
