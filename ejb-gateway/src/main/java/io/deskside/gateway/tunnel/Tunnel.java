package io.deskside.gateway.tunnel;

import io.deskside.edge.port.CarriedTunnel;
import io.deskside.edge.port.Transport;
import io.deskside.gateway.relay.ConnectionSink;
import io.deskside.gateway.relay.PeerEndpoint;
import io.deskside.protocol.link.Link;
import io.deskside.protocol.wire.Frame;
import io.deskside.protocol.wire.FrameType;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.ProtocolException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;

/**
 * The gateway's end of one Host's or Guest's tunnel, which outlives its transports. Frames from
 * the peer are counted and handed to the {@link PeerEndpoint} once each and in order; frames
 * for the peer are kept (in a bounded {@link Link}) until the peer acknowledges them, so a new
 * transport, within the grace period, picks up exactly where the cut one stopped. The tunnel's
 * token names it to a resuming peer: an id for the lookup and a secret compared in constant time.
 */
public final class Tunnel implements ConnectionSink, CarriedTunnel {

    private static final Logger LOG = Logger.getLogger(Tunnel.class.getName());

    private final Tunnels registry;
    private final String id;
    private final byte[] secret;
    private final Message.Role role;
    private final String owner;
    private final Link link;
    private final Object inbound = new Object();
    /** Messages waiting for a worker, in order; see {@link #deliver}. */
    private final java.util.ArrayDeque<Message> backlog = new java.util.ArrayDeque<>();
    private boolean draining;
    private volatile PeerEndpoint endpoint;
    private Transport transport;
    /** When the tunnel last had no transport: from its creation until the first attaches. */
    private long detachedSince = System.nanoTime();
    private volatile long lastHeard = System.nanoTime();
    private volatile int frameLimit;
    private boolean ended;
    /** The peer broke the protocol: nothing more it sends is taken. */
    private volatile boolean broken;

    Tunnel(Tunnels registry, String id, byte[] secret, Message.Role role, String owner, long maxUnackedBytes, int frameLimit) {
        this.registry = registry;
        this.id = id;
        this.secret = secret.clone();
        this.role = role;
        this.owner = owner;
        this.link = new Link(maxUnackedBytes);
        this.frameLimit = frameLimit;
    }

    void endpoint(PeerEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    String id() {
        return id;
    }

    /** What a peer presents to carry this tunnel on over another transport. */
    String token() {
        return id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    boolean opens(byte[] presented, Message.Role role, String owner) {
        return MessageDigest.isEqual(secret, presented) && this.role == role && java.util.Objects.equals(this.owner, owner);
    }

    public Message.Role role() {
        return role;
    }

    // ---- towards the peer

    /** The session is connected: the peer may now send frames of any size the wire allows. */
    @Override
    public void connected() {
        frameLimit = Frame.MAX_PAYLOAD_BYTES;
    }

    @Override
    public void send(byte[] frame) {
        boolean sequenced = Link.sequenced(frame);
        if (sequenced && !link.keep(frame)) {
            LOG.warning(() -> "A " + role + " stopped reading its tunnel; ending it");
            lose();
            return;
        }
        Transport t = transport();
        if (t != null) {
            if (sequenced) {
                t.wake();
            } else {
                t.control(frame);
            }
        }
    }

    /** Ends the tunnel: the transport closes once what was kept for it is written. */
    @Override
    public void close(String reason) {
        Transport t;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            t = transport;
        }
        // Findable a little longer, so a peer between two HTTP requests still gets the last word.
        registry.forgetLater(this);
        if (t != null) {
            t.close(reason);
        }
    }

    /** Sequenced frames for a transport, from its position on (or the oldest kept, if the peer has acknowledged past it). */
    public List<byte[]> framesFrom(long cursor, long maxBytes) throws ProtocolException {
        return link.from(Math.max(cursor, link.firstKept()), maxBytes);
    }

    /** Where {@link #framesFrom} really starts for a transport at {@code cursor}. */
    public long firstFrom(long cursor) {
        return Math.max(cursor, link.firstKept());
    }

    /** How many sequenced frames the gateway has sent on this tunnel. */
    public long sent() {
        return link.sent();
    }

    /** How many sequenced frames have arrived from the peer. */
    public long received() {
        return link.received();
    }

    /** Bytes kept for the peer until it acknowledges them. */
    public long unackedBytes() {
        return link.unackedBytes();
    }

    // ---- transports

    /**
     * Makes {@code t} the tunnel's transport. The peer had received {@code peerReceived} of the
     * gateway's frames: those are forgotten and the rest resent. With {@code welcome}, the new
     * transport first says where the gateway's own count stands. The old transport is closed.
     */
    public void attach(Transport t, long peerReceived, boolean welcome, int heartbeatSeconds, boolean transactionOnly)
            throws ProtocolException {
        link.acked(peerReceived);
        // A request that was overtaken may name a position acknowledged since: start from what is kept.
        long cursor = Math.max(peerReceived, link.firstKept());
        link.from(cursor, 0); // refuses a position that was never sent
        t.start(this, cursor);
        if (welcome) {
            t.control(new Message.Welcome(token(), heartbeatSeconds, link.received(), transactionOnly).toFrame().encode());
        }
        Transport old;
        synchronized (this) {
            if (ended) {
                // Too late to carry on: the peer gets what was kept, the goodbye last, and the end.
                t.wake();
                t.close("ended");
                return;
            }
            old = transport;
            transport = t;
            detachedSince = 0;
        }
        lastHeard = System.nanoTime();
        t.wake();
        if (old != null && old != t) {
            old.close("replaced by another transport");
        }
    }

    /** The transport went away; the grace period starts. Ignored for a transport already replaced. */
    public void detach(Transport t) {
        synchronized (this) {
            if (transport != t) {
                return;
            }
            transport = null;
            detachedSince = System.nanoTime();
        }
        LOG.fine(() -> "A " + role + " tunnel lost its transport; waiting for it to come back");
    }

    public synchronized Transport transport() {
        return transport;
    }

    /** Nanos since the transport went, or -1 while one is attached. */
    synchronized long detachedFor(long now) {
        return transport != null || ended ? -1 : now - detachedSince;
    }

    long silentFor(long now) {
        return now - lastHeard;
    }

    @Override
    public synchronized boolean ended() {
        return ended;
    }

    /** Past the grace period, or the peer stopped reading: the endpoint learns the session is lost. */
    void lose() {
        synchronized (this) {
            if (ended) {
                return;
            }
        }
        PeerEndpoint e = endpoint;
        // Ending a session writes to the database: never on the I/O thread that found the peer had stopped reading.
        onWorker(() -> {
            if (e != null) {
                e.lost();
            }
            close("lost");
        });
    }

    /** Runs {@code task} on a worker, never on a transport's I/O thread (at once where there is no registry: unit tests). */
    private void onWorker(Runnable task) {
        if (registry == null) {
            task.run();
        } else {
            registry.run(task);
        }
    }

    /** Acknowledges what arrived, when something did since the last acknowledgement. */
    void acknowledgePending() {
        if (link.ackPending()) {
            long count = link.acknowledge();
            Transport t = transport();
            if (t == null || !t.countsInEveryAnswer()) {
                send(new Message.Ack(count).toFrame().encode());
            }
        }
    }

    // ---- from the peer

    /** Frames that arrived on transport {@code from}, in order; ignored if it is no longer the tunnel's. */
    public void arrived(List<Frame> frames, Transport from) {
        synchronized (inbound) {
            if (transport() != from) {
                return;
            }
            for (Frame f : frames) {
                if (!receive(f)) {
                    return;
                }
            }
        }
    }

    /**
     * Frames an HTTP request carried up, the first sequenced one being number {@code first}:
     * those that arrived already (the request was retried) are skipped.
     */
    public boolean arrivedFrom(long first, List<Frame> frames) throws ProtocolException {
        synchronized (inbound) {
            lastHeard = System.nanoTime();
            if (first > link.received()) {
                return false; // an earlier request has not arrived (yet): the peer sends again from what is here
            }
            long skip = link.duplicatesIn(first);
            for (Frame f : frames) {
                if (Link.sequenced(f.type()) && skip > 0) {
                    skip--;
                    continue;
                }
                if (!receive(f)) {
                    return true;
                }
            }
            return true;
        }
    }

    /** The peer acknowledged frames out of band (an HTTP request's header). */
    public void acknowledged(long count) throws ProtocolException {
        link.acked(count);
    }

    /** The transport itself broke the protocol (a malformed frame): the tunnel ends. */
    public void broke(ProtocolException e) {
        broken = true;
        PeerEndpoint ep = endpoint;
        // Ending a session writes to the database: never on the I/O thread.
        onWorker(() -> {
            if (ep != null) {
                ep.broke(e);
            }
            close("protocol_error");
        });
    }

    /**
     * Hands a message to the endpoint. Relayed session data goes at once, on the transport's
     * thread; a step that may wait on the database (asking for help, confirming, ending) goes to a
     * worker, because a transport's thread (an I/O thread) serves many connections, and one
     * commit must not hold up every pong on it. Order is kept: while anything waits for a worker,
     * what comes after waits behind it.
     */
    private void deliver(Message m) throws ProtocolException {
        PeerEndpoint e = endpoint;
        synchronized (backlog) {
            if (backlog.isEmpty() && !draining && e.inline(m)) {
                e.handle(m);
                return;
            }
            backlog.add(m);
            if (draining) {
                return;
            }
            draining = true;
        }
        onWorker(this::drain);
    }

    /** Session data: straight to the endpoint when it relays now and nothing waits before it; else as a message. */
    private void relay(Frame data) throws ProtocolException {
        PeerEndpoint e = endpoint;
        synchronized (backlog) {
            if (backlog.isEmpty() && !draining && e.relay(data)) {
                return;
            }
        }
        deliver(Message.decode(data));
    }

    private void drain() {
        while (true) {
            Message m;
            synchronized (backlog) {
                m = backlog.poll();
                if (m == null) {
                    draining = false;
                    return;
                }
            }
            if (ended() || broken) {
                continue;
            }
            try {
                endpoint.handle(m);
            } catch (ProtocolException ex) {
                LOG.warning(() -> "Closed a " + role + " tunnel: " + ex.getMessage());
                broke(ex);
            } catch (RuntimeException ex) {
                LOG.log(java.util.logging.Level.SEVERE, "A " + role + " tunnel's message failed", ex);
                broke(new ProtocolException(ProtocolException.Reason.MALFORMED, "the gateway could not take this message"));
            }
        }
    }

    private boolean receive(Frame f) {
        if (broken) {
            return false;
        }
        lastHeard = System.nanoTime();
        try {
            if (f.encodedLength() - Frame.HEADER_BYTES > frameLimit) {
                throw new ProtocolException(ProtocolException.Reason.TOO_LARGE,
                        "a frame of " + f.payloadLength() + " bytes is larger than the " + frameLimit + " allowed now");
            }
            if (f.type() == FrameType.DATA) {
                // Session data is relayed by its header alone: never decoded, never copied.
                if (f.stream() == 0) {
                    throw new ProtocolException(ProtocolException.Reason.BAD_STREAM, "a DATA frame needs a stream");
                }
                boolean due = link.arrived(f.encodedLength());
                relay(f);
                if (due) {
                    acknowledgePending();
                }
                return !ended() && !broken;
            }
            Message m = Message.decode(f);
            if (m instanceof Message.Ack ack) {
                link.acked(ack.received());
            } else if (m instanceof Message.Ping ping) {
                // The pong, and the acknowledgement if one is due, in one write.
                byte[] pong = new Message.Pong(ping.nonce()).toFrame().encode();
                if (link.ackPending()) {
                    byte[] ack = new Message.Ack(link.acknowledge()).toFrame().encode();
                    byte[] both = java.util.Arrays.copyOf(ack, ack.length + pong.length);
                    System.arraycopy(pong, 0, both, ack.length, pong.length);
                    send(both);
                } else {
                    send(pong);
                }
            } else if (m instanceof Message.Pong) {
                return true;
            } else if (m instanceof Message.Hello || m instanceof Message.Welcome) {
                throw new ProtocolException(ProtocolException.Reason.OUT_OF_ORDER, "a hello comes first, and once per transport");
            } else {
                boolean due = link.arrived(f.encodedLength());
                deliver(m);
                if (due) {
                    acknowledgePending();
                }
            }
            return !ended() && !broken;
        } catch (ProtocolException e) {
            LOG.warning(() -> "Closed a " + role + " tunnel: " + e.getMessage());
            broke(e);
            return false;
        }
    }
}
