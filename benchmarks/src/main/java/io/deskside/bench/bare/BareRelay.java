package io.deskside.bench.bare;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The least a Jakarta WebSocket relay can do on this server, for the benchmark's baseline: two
 * WebSockets meet at {@code /relay/{pair}/{a|b}} and every binary message from one is copied (the
 * container's buffer is only lent for the call) and sent asynchronously to the other. No
 * protocol, no authentication, no flow control of its own (the load generator keeps a window per
 * pair, as the gateway's credits do). Deployed next to the gateway by {@code benchmarks/run.sh},
 * never part of Deskside: it tells how much of the gateway's cost is the server's WebSocket
 * implementation itself.
 */
@ServerEndpoint("/relay/{pair}/{side}")
public class BareRelay {

    private static final Logger LOG = Logger.getLogger(BareRelay.class.getName());
    private static final ConcurrentHashMap<String, Session[]> PAIRS = new ConcurrentHashMap<>();
    private static final AtomicLong FAILED = new AtomicLong();

    @OnOpen
    public void open(Session session, @PathParam("pair") String pair, @PathParam("side") String side) throws IOException {
        if (!side.equals("a") && !side.equals("b")) {
            session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "side is a or b"));
            return;
        }
        session.setMaxBinaryMessageBufferSize(1 << 20);
        Session[] both = PAIRS.computeIfAbsent(pair, p -> new Session[2]);
        int mine = side.equals("a") ? 0 : 1;
        synchronized (both) {
            both[mine] = session;
        }
        session.getUserProperties().put("pair", both);
        session.getUserProperties().put("other", 1 - mine);
    }

    @OnMessage
    public void binary(Session session, ByteBuffer data) {
        Session[] both = (Session[]) session.getUserProperties().get("pair");
        Session peer;
        synchronized (both) {
            peer = both[(Integer) session.getUserProperties().get("other")];
        }
        if (peer == null || !peer.isOpen()) {
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        peer.getAsyncRemote().sendBinary(copy, result -> {
            if (!result.isOK() && FAILED.incrementAndGet() % 1000 == 1) {
                LOG.warning("bare relay: a send failed: " + result.getException());
            }
        });
    }

    @OnClose
    public void close(Session session, @PathParam("pair") String pair) {
        Session[] both = (Session[]) session.getUserProperties().get("pair");
        if (both == null) {
            return;
        }
        synchronized (both) {
            for (int i = 0; i < 2; i++) {
                if (both[i] == session) {
                    both[i] = null;
                }
            }
            if (both[0] == null && both[1] == null) {
                PAIRS.remove(pair, both);
            }
        }
    }
}
