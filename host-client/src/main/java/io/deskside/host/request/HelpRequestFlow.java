package io.deskside.host.request;

import io.deskside.host.config.HostConfig;
import io.deskside.host.session.HostSession;
import io.deskside.host.session.LocalDesktop;
import io.deskside.host.tls.PinnedTls;
import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.client.GatewayTunnel.Closed;
import io.deskside.protocol.client.GatewayTunnel.OpenFailed;
import io.deskside.protocol.client.GatewayTunnel.Received;
import io.deskside.protocol.crypto.KeyExchangeFailed;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.crypto.TicketKeyExchange;
import io.deskside.protocol.session.Keying;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.TicketCode;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.Message.Permission;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One help request, from opening the tunnel to the session's end, on one thread
 * ("deskside-request"). A help request asks by ticket (only the routing digits go to the gateway;
 * the six secret digits stay here, as the key exchange's password) or by help service. It waits in
 * the queue until a technician claims it; the end user is asked to allow what the technician asks
 * for; the gateway then names the session, and the Host checks that it is the one it asked for
 * and agrees keys with the technician end to end (for a help service, the end user also compares
 * a code with the technician's). Only then does the desktop session start; it lasts until either
 * side ends it, the end user presses Disconnect, or the tunnel is lost. When the tunnel does not
 * open, the end user reads why ({@link FailureText}); when a proxy wants a login, they are asked
 * for one and the tunnel is opened again with it (the password stays in memory only while that
 * tunnel lasts).
 *
 * <p>The thread reads the tunnel ({@link HostTunnel#next}) and nothing else blocks it: the end
 * user's answers come back as actions it runs between reads. After the keys, it is the tunnel's
 * reader for the desktop session too (DATA and CREDIT in order).
 */
public final class HelpRequestFlow {

    /** What the Host asks for. */
    public sealed interface Target permits Ticket, Service {
    }

    /** A ticket as the end user typed it. */
    public record Ticket(TicketCode code) implements Target {
        public Ticket {
            Objects.requireNonNull(code, "code");
        }
    }

    /** A help service by its name in the configuration. */
    public record Service(String name) implements Target {
        public Service {
            Objects.requireNonNull(name, "name");
        }
    }

    public static final String CLIENT = "Deskside Host";
    /** How long a read waits before the end user's answers are looked at again. */
    static final Duration POLL = Duration.ofMillis(100);
    /** After this side said goodbye, how long it waits for the gateway to close the tunnel. */
    static final Duration GOODBYE_WAIT = Duration.ofSeconds(3);
    /** How long the end user may take to sign in to their proxy before the request gives up. */
    static final Duration SIGN_IN_WAIT = Duration.ofMinutes(30);

    private static final Logger LOG = Logger.getLogger(HelpRequestFlow.class.getName());

    private enum State {
        OPENING, ASKED, CONFIRMING, ALLOWED, AGREEING, VERIFYING, CONNECTED, ENDING, OVER
    }

    private final HostConfig config;
    private final Target target;
    private final String customerName;
    private final String text;
    private final HostView view;
    private final LocalDesktop desktop;
    private final HostTunnel.Opener opener;
    private final boolean byTicket;
    private final ConcurrentLinkedQueue<Runnable> actions = new ConcurrentLinkedQueue<>();
    private final List<Message.Credit> earlyCredit = new ArrayList<>();

    // Only the request thread touches these.
    private State state = State.OPENING;
    private HostTunnel tunnel;
    private String technician = "";
    private Set<Permission> inForce = Set.of();
    private Keying keying;
    private SessionKeys keys;
    private HostSession session;
    private FailureText outcome;
    private long goodbyeDeadline;
    private PasswordAuthentication proxyLogin;

    public HelpRequestFlow(HostConfig config, Target target, String customerName, String text, HostView view, LocalDesktop desktop,
            HostTunnel.Opener opener) {
        this.config = Objects.requireNonNull(config, "config");
        this.target = Objects.requireNonNull(target, "target");
        this.customerName = Objects.requireNonNull(customerName, "customerName");
        this.text = Objects.requireNonNull(text, "text");
        this.view = Objects.requireNonNull(view, "view");
        this.desktop = Objects.requireNonNull(desktop, "desktop");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.byTicket = target instanceof Ticket;
    }

    /** How this Host reaches its gateway, from its configuration. */
    public static GatewayTunnel.Options options(HostConfig config) {
        var o = GatewayTunnel.Options.of(config.tunnel(), Message.Role.HOST, CLIENT).credential(config.credential());
        if (!config.transports().isEmpty()) {
            o = o.modes(config.transports().toArray(new GatewayTunnel.Mode[0]));
        }
        String proxy = config.proxy() == null ? "system" : config.proxy();
        if (proxy.equals("direct")) {
            o = o.direct();
        } else if (!proxy.equals("system")) {
            int colon = proxy.lastIndexOf(':');
            if (colon <= 0 || colon == proxy.length() - 1) {
                throw new IllegalArgumentException("a proxy is system, direct or host:port, not " + proxy);
            }
            String host = proxy.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1); // an IPv6 literal
            }
            o = o.proxy(host, Integer.parseInt(proxy.substring(colon + 1)), null);
        }
        // A wss:// tunnel always has pins (HostConfig checks); ws:// is for this computer only.
        String scheme = config.tunnel().getScheme() == null ? "" : config.tunnel().getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("wss") && !config.pins().isEmpty()) {
            o = o.tls(PinnedTls.context(config.pins()));
        }
        return o;
    }

    /** Starts the request on its own thread. */
    public void start() {
        Thread t = new Thread(this::run, "deskside-request");
        t.setDaemon(true);
        t.start();
    }

    /** The end user ends it ({@code host_ended}, or {@code hotkey}); from any thread. */
    public void disconnect(DisconnectReason reason) {
        actions.add(() -> {
            // Runs once the tunnel is open: a Disconnect pressed while it opens says goodbye right after.
            if (state != State.ENDING && state != State.OVER) {
                goodbye(FailureText.of(reason, byTicket), reason, "");
            }
        });
    }

    /** The end user's chat line to the technician; from any thread. Dropped unless a session with CHAT runs. */
    public void chat(String line) {
        post(() -> {
            if (state == State.CONNECTED) {
                session.chat(line);
            }
        });
    }

    /** Clipboard text the end user saw and chose to send; from any thread. Dropped unless a session with CLIPBOARD runs. */
    public void sendClipboard(String text) {
        post(() -> {
            if (state == State.CONNECTED) {
                session.sendClipboard(text);
            }
        });
    }

    /** The end user clicked "Send a file…"; from any thread. They choose and confirm through the session's file consent. */
    public void sendAFile() {
        post(() -> {
            if (state == State.CONNECTED) {
                session.sendAFile();
            }
        });
    }

    void run() {
        try {
            tunnel = open();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The tunnel could not be set up", e);
            finish(FailureText.unreachable());
        }
        if (tunnel == null) {
            forgetProxyLogin();
            return;
        }
        try {
            state = State.ASKED;
            runActions();
            if (state == State.ASKED) {
                tunnel.send(request());
            }
            while (state != State.OVER) {
                runActions();
                if (state == State.ENDING && System.nanoTime() - goodbyeDeadline > 0) {
                    finish(outcome);
                }
                if (state == State.OVER) {
                    break;
                }
                GatewayTunnel.Event e = tunnel.next(POLL);
                if (e instanceof Received r) {
                    received(r.message());
                } else if (e instanceof Closed c) {
                    finish(state == State.ENDING ? outcome : FailureText.of(c.reason(), byTicket));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(FailureText.of(DisconnectReason.CLOSED, byTicket));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The help request failed", e);
            finish(FailureText.brokenSession());
        } finally {
            if (session != null) {
                session.close();
            }
            tunnel.close();
            forgetProxyLogin();
        }
    }

    /**
     * Opens the tunnel. When a proxy wants a login, asks the end user for one and tries again
     * with it, once: a login refused too ends the request. Null, with the end user told why,
     * when the tunnel did not open.
     */
    private HostTunnel open() {
        GatewayTunnel.Options options = options(config);
        while (true) {
            try {
                return opener.open(options);
            } catch (IOException e) {
                LOG.log(Level.FINE, "The tunnel did not open", e);
                if (!(e instanceof OpenFailed failed && failed.why() == OpenFailed.Why.PROXY_AUTH)) {
                    finish(FailureText.openFailed(e, byTicket, gateway()));
                    return null;
                }
                if (proxyLogin != null) {
                    forgetProxyLogin(); // before the end user is told: nothing of it outlives the request
                    finish(FailureText.proxyLoginRefused());
                    return null;
                }
                InetSocketAddress proxy = proxyOf(options);
                if (proxy == null) {
                    finish(FailureText.proxyUnknown());
                    return null;
                }
                proxyLogin = askForProxyLogin();
                if (proxyLogin == null) {
                    finish(FailureText.openFailed(e, byTicket, gateway()));
                    return null;
                }
                options = options.proxy(proxy.getHostString(), proxy.getPort(), proxyLogin);
            }
        }
    }

    /**
     * The HTTP proxy the tunnel goes through: the configured {@code host:port}, or for
     * {@code system} the one the system's selector names for the help desk's address; null if none.
     */
    static InetSocketAddress proxyOf(GatewayTunnel.Options options) {
        if (options.proxy() == null) {
            return null;
        }
        for (Proxy p : options.proxy().select(options.endpoint())) {
            if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress a) {
                return a;
            }
        }
        return null;
    }

    /** Asks the end user to sign in to their proxy, and waits (a while) for their answer; null if they gave up. */
    private PasswordAuthentication askForProxyLogin() {
        CompletableFuture<PasswordAuthentication> answer = new CompletableFuture<>();
        view.proxySignIn(FailureText.of(OpenFailed.Why.PROXY_AUTH, gateway()), login -> {
            if (!answer.complete(login)) {
                clear(login); // too late: nobody will use it
            }
        });
        try {
            return answer.get(SIGN_IN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            answer.complete(null);
        }
        return null;
    }

    /** The proxy password lives in memory only while the tunnel it opened does. */
    private void forgetProxyLogin() {
        clear(proxyLogin);
        proxyLogin = null;
    }

    private static void clear(PasswordAuthentication login) {
        if (login != null) {
            Arrays.fill(login.getPassword(), '\0'); // getPassword() is the login's own array, not a copy
        }
    }

    private String gateway() {
        String host = config.tunnel().getHost();
        return host == null ? "" : host;
    }

    private Message.HelpRequest request() {
        String name = target instanceof Ticket t ? t.code().routing().digits() : ((Service) target).name();
        return new Message.HelpRequest(byTicket, name, customerName, text);
    }

    private void runActions() {
        for (Runnable a = actions.poll(); a != null; a = actions.poll()) {
            a.run();
        }
    }

    private void post(Runnable action) {
        actions.add(action);
    }

    private void received(Message m) {
        if (state == State.ENDING || state == State.OVER) {
            return;
        }
        if (m instanceof Message.Status s) {
            status(s);
        } else if (m instanceof Message.ConfirmRequest c) {
            confirm(c);
        } else if (m instanceof Message.Session s) {
            session(s.context());
        } else if (m instanceof Message.KeyExchange k) {
            keyExchange(k);
        } else if (m instanceof Message.Data d) {
            data(d);
        } else if (m instanceof Message.Credit c) {
            credit(c);
        } else if (m instanceof Message.Disconnect d) {
            finish(FailureText.of(d.reason(), byTicket));
        } else {
            LOG.fine(() -> "Ignored from the gateway: " + m);
        }
    }

    private void status(Message.Status s) {
        if (s.state() == Message.Status.State.WAITING && state == State.ASKED) {
            view.waiting();
        }
    }

    private void confirm(Message.ConfirmRequest c) {
        if (state != State.ASKED) {
            brokeProtocol("a confirm request in state " + state);
            return;
        }
        state = State.CONFIRMING;
        technician = c.technician();
        Set<Permission> requested = c.permissions();
        view.confirm(c.technician(), requested, granted -> post(() -> answered(requested, granted)));
    }

    private void answered(Set<Permission> requested, Set<Permission> granted) {
        if (state != State.CONFIRMING) {
            return;
        }
        if (granted == null) {
            // The gateway answers with DISCONNECT(denied), which ends the request.
            state = State.ASKED;
            tunnel.send(new Message.ConfirmAnswer(false));
            return;
        }
        EnumSet<Permission> allowed = EnumSet.noneOf(Permission.class);
        for (Permission p : granted) {
            if (requested.contains(p) && config.allow().contains(p)) {
                allowed.add(p);
            }
        }
        inForce = Set.copyOf(allowed);
        state = State.ALLOWED;
        tunnel.send(new Message.ConfirmAnswer(true));
        view.securing();
    }

    private void session(SessionContext context) {
        if (state != State.ALLOWED) {
            brokeProtocol("a session before the end user allowed it");
            return;
        }
        String asked = request().target();
        boolean ours = byTicket ? context.kind() == SessionContext.Kind.TICKET && context.target().equals(asked)
                : context.kind() == SessionContext.Kind.SERVICE && context.target().equalsIgnoreCase(asked);
        if (!ours) {
            LOG.warning(() -> "The gateway named another session: " + context);
            goodbye(FailureText.of(DisconnectReason.KEY_EXCHANGE_FAILED, byTicket), DisconnectReason.KEY_EXCHANGE_FAILED,
                    "the gateway named another session");
            return;
        }
        keying = target instanceof Ticket t ? Keying.ticket(TicketKeyExchange.Side.HOST, t.code().secret(), context)
                : Keying.serviceHost(context);
        state = State.AGREEING;
        io.deskside.host.Timing.mark("session");
        keying.start().forEach(tunnel::send);
    }

    private void keyExchange(Message.KeyExchange k) {
        if (state != State.AGREEING) {
            brokeProtocol("a key exchange in state " + state);
            return;
        }
        try {
            keying.received(k).forEach(tunnel::send);
        } catch (KeyExchangeFailed e) {
            LOG.warning(() -> "The key exchange failed: " + e.getMessage());
            goodbye(FailureText.of(DisconnectReason.KEY_EXCHANGE_FAILED, byTicket), DisconnectReason.KEY_EXCHANGE_FAILED, "");
            return;
        }
        if (!keying.done()) {
            return;
        }
        keys = keying.keys();
        io.deskside.host.Timing.mark("keys");
        if (byTicket) {
            startSession();
        } else {
            state = State.VERIFYING;
            view.verify(keys.verificationCode(), matches -> post(() -> verified(matches)));
        }
    }

    private void verified(boolean matches) {
        if (state != State.VERIFYING) {
            return;
        }
        if (matches) {
            startSession();
        } else {
            goodbye(FailureText.of(DisconnectReason.KEY_EXCHANGE_FAILED, false), DisconnectReason.KEY_EXCHANGE_FAILED, "codes differ");
        }
    }

    private void startSession() {
        session = new HostSession(keys.forHost(), tunnel, inForce, desktop, new HostSession.Listener() {
            @Override
            public void chat(String line) {
                view.chat(line);
            }

            @Override
            public void blocked(Permission permission) {
                view.blocked(permission);
            }
        }, e -> post(() -> brokeProtocol(e.getMessage())));
        earlyCredit.forEach(session::credit);
        earlyCredit.clear();
        session.start();
        state = State.CONNECTED;
        view.connected(technician, inForce);
    }

    private void data(Message.Data d) {
        if (state != State.CONNECTED) {
            brokeProtocol("desktop data before the session started");
            return;
        }
        session.arrived(d);
    }

    private void credit(Message.Credit c) {
        if (session != null) {
            session.credit(c);
        } else if (state == State.AGREEING || state == State.VERIFYING) {
            earlyCredit.add(c); // the Guest's keys may be ready before ours, or before the end user compared the codes
        } else {
            brokeProtocol("credit before the keys");
        }
    }

    private void brokeProtocol(String what) {
        if (state == State.ENDING || state == State.OVER) {
            return;
        }
        LOG.warning(() -> "The session broke the protocol: " + what);
        goodbye(FailureText.brokenSession(), DisconnectReason.PROTOCOL_ERROR, "");
    }

    /** Says goodbye, and waits a moment for the gateway to close the tunnel before ending here. */
    private void goodbye(FailureText why, DisconnectReason reason, String detail) {
        if (session != null) {
            session.close();
        }
        tunnel.send(new Message.Disconnect(reason, detail));
        outcome = why;
        state = State.ENDING;
        goodbyeDeadline = System.nanoTime() + GOODBYE_WAIT.toNanos();
    }

    private void finish(FailureText why) {
        if (state == State.OVER) {
            return;
        }
        state = State.OVER;
        if (session != null) {
            session.close();
        }
        view.ended(why);
    }
}
