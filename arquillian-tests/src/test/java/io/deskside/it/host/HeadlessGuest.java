package io.deskside.it.host;

import io.deskside.it.support.Api;
import io.deskside.protocol.client.GatewayTunnel;
import io.deskside.protocol.crypto.KeyExchangeFailed;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.crypto.TicketKeyExchange;
import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.DesktopType;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.desktop.FileName;
import io.deskside.protocol.desktop.files.DirectoryFileStore;
import io.deskside.protocol.desktop.files.FileReceiver;
import io.deskside.protocol.desktop.files.FileSender;
import io.deskside.protocol.desktop.files.TransferState;
import io.deskside.protocol.desktop.screen.CursorCache;
import io.deskside.protocol.desktop.screen.ScreenDecoder;
import io.deskside.protocol.session.DesktopSession;
import io.deskside.protocol.session.Keying;
import io.deskside.protocol.session.SessionContext;
import io.deskside.protocol.ticket.TicketSecret;
import io.deskside.protocol.wire.DisconnectReason;
import io.deskside.protocol.wire.Message;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The technician's half of a ticket or help-service session, without a window, in the test JVM:
 * the Guest tunnel to {@code /api/sessions/{id}/tunnel} signed in with the technician's
 * {@code Authorization} header, the key exchange ({@link Keying}: the ticket's J-PAKE, or the
 * service's X25519 with its verification code, {@link #code()}) bound to the {@code SESSION} the
 * gateway sends, {@code KEY_CONFIRMED} once the exchange succeeded, then the shared
 * {@link DesktopSession} with a {@link ScreenDecoder} on the screen stream and a
 * {@link CursorCache} on the cursor stream.
 *
 * <p>One reader thread ({@code guest-tunnel}) takes the tunnel's events in order, as a real
 * Guest's does: the gateway's messages are handled there, {@code DATA} and {@code CREDIT} go to
 * the desktop session. Everything the test awaits is bounded by the wait it passes.
 */
public final class HeadlessGuest implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(250);
    public static final String CLIENT = "Deskside Guest test";

    private final long requestId;
    /** The ticket's six digits; null for a help-service request. */
    private final TicketSecret secret;
    private final GatewayTunnel tunnel;
    private final Thread reader;
    private final ScreenDecoder decoder = new ScreenDecoder(DesktopMessage.MAX_DESKTOP_PIXELS);
    private final CursorCache cursor = new CursorCache();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final List<Message.Credit> earlyCredits = new ArrayList<>();
    private final BlockingQueue<String> chat = new LinkedBlockingQueue<>();
    private final List<DesktopMessage.PermissionRefused> refusals = new CopyOnWriteArrayList<>();
    private final Object refused = new Object();
    private final CompletableFuture<DesktopSession> keysAgreed = new CompletableFuture<>();
    private final CompletableFuture<DisconnectReason> ended = new CompletableFuture<>();
    private final AtomicLong nextRequest = new AtomicLong(1);
    /** Files both ways: the receiver (under {@code files}) takes every offer into {@link #inbox}; the sender is the pump thread's. */
    private final Object files = new Object();
    private final Path inbox;
    private FileReceiver receiver;
    private FileSender sender;
    private Thread pump;
    private final BlockingQueue<DesktopMessage> toSender = new LinkedBlockingQueue<>();
    private final java.util.Map<FileId, TransferState> fileStates = new java.util.concurrent.ConcurrentHashMap<>();
    /** How far the end user's side acknowledged each file this Guest sends. */
    private final java.util.Map<FileId, Long> acked = new java.util.concurrent.ConcurrentHashMap<>();
    private final Object frames = new Object();
    private volatile Keying keying;
    private volatile DesktopSession session;
    private volatile SessionKeys keys;
    private volatile long layoutGeneration;
    private long awaitedRequest;
    private int[] finalFrame;
    private Exception failure;

    private HeadlessGuest(long requestId, TicketSecret secret, GatewayTunnel tunnel) {
        this.requestId = requestId;
        this.secret = secret;
        this.tunnel = tunnel;
        this.reader = new Thread(this::read, "guest-tunnel");
        reader.setDaemon(true);
        try {
            // A new folder each time: request numbers start again with a new test server.
            this.inbox = Files.createTempDirectory(Files.createDirectories(Path.of("target", "guest-inbox")), "request-" + requestId + "-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Opens the Guest tunnel of a request {@code technician} claimed; the key exchange starts by
     * itself when the gateway sends {@code SESSION} (once the end user allows access).
     */
    public static HeadlessGuest open(Api technician, long requestId, TicketSecret secret) throws IOException {
        GatewayTunnel.Options options = options(technician, requestId);
        HeadlessGuest guest = new HeadlessGuest(requestId, java.util.Objects.requireNonNull(secret, "secret"), GatewayTunnel.open(options));
        guest.reader.start();
        return guest;
    }

    /**
     * Opens the Guest tunnel of a help-service request {@code technician} claimed; the service key
     * exchange ({@code Keying.serviceGuest}) starts when the gateway sends {@code SESSION}.
     */
    public static HeadlessGuest openService(Api technician, long requestId) throws IOException {
        HeadlessGuest guest = new HeadlessGuest(requestId, null, GatewayTunnel.open(options(technician, requestId)));
        guest.reader.start();
        return guest;
    }

    private static GatewayTunnel.Options options(Api technician, long requestId) {
        URI endpoint = URI.create(Api.BASE.replace("http", "ws") + "/api/sessions/" + requestId + "/tunnel");
        return GatewayTunnel.Options.of(endpoint, Message.Role.GUEST, CLIENT).direct()
                .headers(Map.of("Authorization", technician.authorization()));
    }

    // ---- what the test does

    /** Waits until the keys are agreed, {@code KEY_CONFIRMED} is sent and the desktop session started. */
    public void awaitKeys(Duration wait) throws InterruptedException, IOException {
        await(keysAgreed, wait, "the key exchange");
    }

    /** The verification code of the agreed keys ("123 456"), as the technician reads it to the end user. */
    public String code() {
        SessionKeys k = keys;
        if (k == null) {
            throw new IllegalStateException("the keys are not agreed yet");
        }
        return k.verificationCode();
    }

    /** Asks for the whole screen at full scale; {@link #awaitFinalFrame} waits for its answer. */
    public void requestFull() throws InterruptedException {
        long id = nextRequest.getAndIncrement();
        synchronized (frames) {
            awaitedRequest = id;
            finalFrame = null;
        }
        DesktopSession s = session();
        if (!s.send(new DesktopMessage.UpdateRequest(id, layoutGeneration, false, 1, 0, 0, Xvfb.WIDTH, Xvfb.HEIGHT), Duration.ofSeconds(5))) {
            throw new IllegalStateException("the update request found no room on the screen stream");
        }
    }

    /** A copy of the framebuffer as the final part of the last request left it. */
    public int[] awaitFinalFrame(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (frames) {
            while (finalFrame == null && failure == null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no final screen update for request " + awaitedRequest + " within " + wait);
                }
                frames.wait(left);
            }
            if (failure != null) {
                throw new AssertionError("the desktop session failed", failure);
            }
            return finalFrame.clone();
        }
    }

    /** The framebuffer's size, {@code {width, height}}, as the last layout and scale make it. */
    public int[] frameSize() {
        synchronized (frames) {
            return new int[] {decoder.width(), decoder.height()};
        }
    }

    // ---- input (the Host injects it only with CONTROL in force; else it answers PermissionRefused)

    /** Where the pointer is and which buttons ({@code DesktopMessage.Pointer.LEFT} …) are down. */
    public void pointer(int x, int y, int buttons) throws InterruptedException {
        send(new DesktopMessage.Pointer(x, y, buttons, 0, 0), "a pointer event");
    }

    /** A click of the left button at (x, y): moved there and pressed, then released. */
    public void click(int x, int y) throws InterruptedException {
        pointer(x, y, DesktopMessage.Pointer.LEFT);
        pointer(x, y, 0);
    }

    /** A key ({@code KeyEvent.VK_…}) pressed or released, as a Guest's keyboard sends it. */
    public void key(int keyCode, boolean down) throws InterruptedException {
        send(new DesktopMessage.Key(keyCode, DesktopMessage.Key.Location.STANDARD, 0, down), "a key event");
    }

    /** A key pressed and released. */
    public void press(int keyCode) throws InterruptedException {
        key(keyCode, true);
        key(keyCode, false);
    }

    /**
     * Types letters, digits and spaces as the keys a US keyboard has for them (capitals with
     * Shift held), one {@code Key} message per press and release; nothing else is accepted.
     */
    public void type(String ascii) throws InterruptedException {
        for (char c : ascii.toCharArray()) {
            boolean shift = c >= 'A' && c <= 'Z';
            int code;
            if (c >= 'a' && c <= 'z') {
                code = KeyEvent.VK_A + (c - 'a');
            } else if (shift) {
                code = KeyEvent.VK_A + (c - 'A');
            } else if (c >= '0' && c <= '9') {
                code = KeyEvent.VK_0 + (c - '0');
            } else if (c == ' ') {
                code = KeyEvent.VK_SPACE;
            } else {
                throw new IllegalArgumentException("type() takes letters, digits and spaces, not " + (int) c);
            }
            if (shift) {
                key(KeyEvent.VK_SHIFT, true);
            }
            press(code);
            if (shift) {
                key(KeyEvent.VK_SHIFT, false);
            }
        }
    }

    /** Text with no key to press for it ({@code TextInput}). */
    public void text(String text) throws InterruptedException {
        send(new DesktopMessage.TextInput(text), "text input");
    }

    /** The technician points at (x, y) in a view-only session. */
    public void annotate(int x, int y, DesktopMessage.Annotation.Mode mode) throws InterruptedException {
        send(new DesktopMessage.Annotation(x, y, mode), "an annotation");
    }

    /**
     * The first {@code PermissionRefused} for messages of {@code type} the Host sent (it sends them
     * on the control stream, at most one a second per type), or null if none came within {@code wait}.
     */
    public DesktopMessage.PermissionRefused awaitRefused(DesktopType type, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (refused) {
            while (true) {
                for (DesktopMessage.PermissionRefused r : refusals) {
                    if (r.refusedType() == type) {
                        return r;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                refused.wait(left);
            }
        }
    }

    /** Every {@code PermissionRefused} the Host sent so far. */
    public List<DesktopMessage.PermissionRefused> refusals() {
        return List.copyOf(refusals);
    }

    private void send(DesktopMessage m, String what) throws InterruptedException {
        if (!session().send(m, Duration.ofSeconds(5))) {
            throw new IllegalStateException(what + " found no room on its stream");
        }
    }

    public void chat(String line) throws InterruptedException {
        if (!session().send(new DesktopMessage.ChatLine(line), Duration.ofSeconds(5))) {
            throw new IllegalStateException("the chat line found no room");
        }
    }

    /** The next chat line from the Host, or null. */
    public String awaitChat(Duration wait) throws InterruptedException {
        return chat.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- files (the Host lets them through only with FILES in force, and only with the end user's consent)

    /**
     * Offers {@code file} to the end user under its own name and sends it once they accept, paced
     * by the link's credit on the files stream; {@link #awaitFileEnded} says how it ended.
     */
    public FileId offerFile(Path file) throws IOException, InterruptedException {
        DesktopMessage.FileOffer offer;
        synchronized (files) {
            startFiles();
            FileSender s = new FileSender(Message.Role.GUEST, new DirectoryFileStore(file.toAbsolutePath().getParent()), System::nanoTime);
            offer = s.offer(file.getFileName().toString(), new FileName(file.getFileName().toString()));
            sender = s;
        }
        fileStates.put(offer.id(), TransferState.OFFERED);
        send(offer, "a file offer");
        return offer.id();
    }

    /**
     * How the transfer {@code id} ended (DONE once the receiving side verified every byte), or
     * its state now if it did not end within {@code wait}.
     */
    public TransferState awaitFileEnded(FileId id, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (fileStates) {
            while (true) {
                TransferState s = fileStates.getOrDefault(id, TransferState.OFFERED);
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (s.ended() || left <= 0) {
                    return s;
                }
                fileStates.wait(left);
            }
        }
    }

    /** Waits until the end user's side acknowledged at least {@code bytes} of the file {@code id}; false if it did not within {@code wait}. */
    public boolean awaitAcknowledged(FileId id, long bytes, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (acked.getOrDefault(id, 0L) < bytes) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Files the end user sent that arrived whole, by the name they offered them under. */
    public java.util.Map<String, Path> receivedFiles() {
        java.util.Map<String, Path> done = new java.util.TreeMap<>();
        synchronized (files) {
            if (receiver == null) {
                return done;
            }
            for (var e : fileStates.entrySet()) {
                if (e.getKey().offeredBy() == Message.Role.HOST && e.getValue() == TransferState.DONE) {
                    done.put(receiver.offer(e.getKey()).name().value(), inbox.resolve(receiver.storedAs(e.getKey())));
                }
            }
        }
        return done;
    }

    /** Waits until a file the end user offered arrived whole; its path in the Guest's inbox. */
    public Path awaitReceivedFile(String name, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Path p = receivedFiles().get(name);
            if (p != null) {
                return p;
            }
            synchronized (fileStates) {
                fileStates.wait(100);
            }
        }
        return null;
    }

    private void startFiles() throws IOException {
        if (receiver == null) {
            receiver = new FileReceiver(Message.Role.GUEST, new DirectoryFileStore(inbox), System::nanoTime);
            pump = new Thread(this::pumpFiles, "guest-files");
            pump.setDaemon(true);
            pump.start();
        }
    }

    private void fileState(FileId id, TransferState state) {
        synchronized (fileStates) {
            fileStates.put(id, state);
            fileStates.notifyAll();
        }
    }

    /** A file message on CONTROL or FILES: the receiver's under the lock, the sender's to the pump. */
    private void fileMessage(DesktopMessage m) throws io.deskside.protocol.desktop.DesktopProtocolException {
        boolean forReceiver = m instanceof DesktopMessage.FileOffer || m instanceof DesktopMessage.FileChunk
                || m instanceof DesktopMessage.FileCancel c && c.id().offeredBy() == Message.Role.HOST;
        if (!forReceiver) {
            toSender.add(m);
            return;
        }
        List<DesktopMessage> answers = new ArrayList<>();
        synchronized (files) {
            try {
                startFiles();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            answers.addAll(receiver.receive(m));
            if (m instanceof DesktopMessage.FileOffer o) {
                answers.addAll(receiver.accept(o.id())); // this technician takes every file
            }
            FileId id = fileId(m);
            fileState(id, receiver.state(id));
        }
        for (DesktopMessage a : answers) {
            session().send(a);
        }
    }

    /** The transfer a file message is about; null for any other message. */
    private static FileId fileId(DesktopMessage m) {
        if (m instanceof DesktopMessage.FileOffer o) {
            return o.id();
        } else if (m instanceof DesktopMessage.FileChunk c) {
            return c.id();
        } else if (m instanceof DesktopMessage.FileAccept a) {
            return a.id();
        } else if (m instanceof DesktopMessage.FileResume r) {
            return r.id();
        } else if (m instanceof DesktopMessage.FileRefuse r) {
            return r.id();
        } else if (m instanceof DesktopMessage.FileAck a) {
            return a.id();
        } else if (m instanceof DesktopMessage.FileDone d) {
            return d.id();
        } else if (m instanceof DesktopMessage.FileCancel c) {
            return c.id();
        }
        return null;
    }

    /** The sender's thread: answers from the Host, chunks paced by credit, the receiver's acks every half second. */
    private void pumpFiles() {
        try {
            long nextTick = System.nanoTime();
            while (!ended.isDone()) {
                DesktopMessage m = toSender.poll(20, TimeUnit.MILLISECONDS);
                FileSender s;
                synchronized (files) {
                    s = sender;
                }
                if (m != null && s != null) {
                    for (DesktopMessage a : s.receive(m)) {
                        session().send(a, Duration.ofSeconds(5));
                    }
                    if (m instanceof DesktopMessage.FileAck a) {
                        acked.put(a.id(), a.offset());
                    }
                    FileId id = fileId(m);
                    if (id != null) {
                        fileState(id, s.state(id));
                    }
                }
                if (s != null && s.hasChunksToSend()) {
                    for (DesktopMessage chunk : s.nextChunks(4)) {
                        while (!session().send(chunk, Duration.ofSeconds(1))) {
                            if (session().isOver()) {
                                return;
                            }
                        }
                    }
                }
                if (System.nanoTime() - nextTick >= 0) {
                    nextTick = System.nanoTime() + FileReceiver.ACK_INTERVAL.toNanos();
                    List<DesktopMessage> acks;
                    synchronized (files) {
                        acks = receiver == null ? List.of() : receiver.tick();
                    }
                    acks.forEach(a -> session().send(a));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (io.deskside.protocol.desktop.DesktopProtocolException | RuntimeException e) {
            failed(e);
        }
    }

    /** The technician ends the session: {@code DISCONNECT(guest_ended)}. */
    public void disconnect() {
        DesktopSession s = session;
        if (s != null) {
            s.close();
        }
        tunnel.send(new Message.Disconnect(DisconnectReason.GUEST_ENDED, "the technician ended the session"));
    }

    /** Why the session ended (the gateway's {@code DISCONNECT} or the tunnel's end), or null if it did not within {@code wait}. */
    public DisconnectReason awaitDisconnect(Duration wait) throws InterruptedException {
        try {
            return ended.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every message the gateway sent this Guest so far, in order. */
    public List<Message> received() {
        return List.copyOf(received);
    }

    /** How many {@code DATA} frames arrived: none, before the end user allowed access. */
    public long dataFrames() {
        return received.stream().filter(Message.Data.class::isInstance).count();
    }

    @Override
    public void close() {
        DesktopSession s = session;
        if (s != null) {
            s.close();
        }
        tunnel.close();
        reader.interrupt();
        Thread p = pump;
        if (p != null) {
            p.interrupt();
        }
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (frames) {
            decoder.close();
        }
    }

    private DesktopSession session() {
        DesktopSession s = session;
        if (s == null) {
            throw new IllegalStateException("the keys are not agreed yet");
        }
        return s;
    }

    private static <T> T await(CompletableFuture<T> f, Duration wait, String what) throws InterruptedException, IOException {
        try {
            return f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not finish within " + wait);
        } catch (ExecutionException e) {
            throw new IOException(what + " failed", e.getCause());
        }
    }

    // ---- the reader thread

    private void read() {
        try {
            while (!ended.isDone()) {
                GatewayTunnel.Event e = tunnel.next(POLL);
                if (e instanceof GatewayTunnel.Received r) {
                    received.add(r.message());
                    handle(r.message());
                } else if (e instanceof GatewayTunnel.Closed c) {
                    end(c.reason(), new IOException("the tunnel closed: " + c.reason() + " " + c.detail()));
                }
            }
        } catch (InterruptedException e) {
            end(DisconnectReason.CLOSED, e);
        } catch (KeyExchangeFailed e) {
            tunnel.send(new Message.Disconnect(DisconnectReason.KEY_EXCHANGE_FAILED, ""));
            end(DisconnectReason.KEY_EXCHANGE_FAILED, e);
        } catch (RuntimeException e) {
            tunnel.send(new Message.Disconnect(DisconnectReason.PROTOCOL_ERROR, ""));
            end(DisconnectReason.PROTOCOL_ERROR, e);
        }
    }

    private void handle(Message m) throws KeyExchangeFailed {
        if (m instanceof Message.Session s) {
            startKeying(s.context());
        } else if (m instanceof Message.KeyExchange k) {
            keyExchange(k);
        } else if (m instanceof Message.Data d) {
            session().arrived(d);
        } else if (m instanceof Message.Credit c) {
            if (session == null) {
                earlyCredits.add(c);
            } else {
                session.credit(c);
            }
        } else if (m instanceof Message.Disconnect d) {
            end(d.reason(), new IOException("disconnected: " + d.reason() + " " + d.detail()));
        }
        // Welcome, status, pings: nothing for the Guest to do.
    }

    private void startKeying(SessionContext context) throws KeyExchangeFailed {
        SessionContext.Kind expected = secret == null ? SessionContext.Kind.SERVICE : SessionContext.Kind.TICKET;
        if (context.requestId() != requestId || context.kind() != expected) {
            throw new KeyExchangeFailed("the gateway named another session: " + context);
        }
        keying = secret == null ? Keying.serviceGuest(context) : Keying.ticket(TicketKeyExchange.Side.GUEST, secret, context);
        keying.start().forEach(tunnel::send);
    }

    private void keyExchange(Message.KeyExchange k) throws KeyExchangeFailed {
        if (keying == null) {
            throw new KeyExchangeFailed("a key exchange message before SESSION");
        }
        keying.received(k).forEach(tunnel::send);
        if (keying.done() && session == null) {
            keys = keying.keys();
            tunnel.send(new Message.KeyConfirmed());
            DesktopSession s = new DesktopSession(Message.Role.GUEST, keys.forGuest(), tunnel,
                    Map.of(DesktopStream.SCREEN, this::screen, DesktopStream.CURSOR, this::cursor, DesktopStream.CONTROL, this::control,
                            DesktopStream.FILES, this::fileMessage),
                    this::failed);
            session = s;
            s.start();
            earlyCredits.forEach(s::credit);
            earlyCredits.clear();
            s.send(new DesktopMessage.Hello(1, 0, CLIENT));
            keysAgreed.complete(s);
        }
    }

    private void end(DisconnectReason reason, Exception why) {
        ended.complete(reason);
        keysAgreed.completeExceptionally(why);
        synchronized (frames) {
            frames.notifyAll();
        }
    }

    // ---- the desktop session's stream threads

    private void screen(DesktopMessage m) throws io.deskside.protocol.desktop.DesktopProtocolException {
        synchronized (frames) {
            decoder.apply(m);
            if (m instanceof DesktopMessage.Layout l) {
                layoutGeneration = l.generation();
            } else if (m instanceof DesktopMessage.ScreenUpdate u && u.finalPart() && u.requestId() == awaitedRequest) {
                finalFrame = decoder.framebuffer().clone();
                frames.notifyAll();
            }
        }
    }

    private void cursor(DesktopMessage m) throws io.deskside.protocol.desktop.DesktopProtocolException {
        synchronized (cursor) {
            cursor.apply(m);
        }
    }

    private void control(DesktopMessage m) throws io.deskside.protocol.desktop.DesktopProtocolException {
        if (m.type().name().startsWith("FILE_")) {
            fileMessage(m);
        } else if (m instanceof DesktopMessage.ChatLine line) {
            chat.add(line.text());
        } else if (m instanceof DesktopMessage.PermissionRefused r) {
            synchronized (refused) {
                refusals.add(r);
                refused.notifyAll();
            }
        }
    }

    /** The Host broke the desktop protocol: a real Guest ends the session, and so does this one. */
    private void failed(Exception e) {
        tunnel.send(new Message.Disconnect(DisconnectReason.PROTOCOL_ERROR, ""));
        synchronized (frames) {
            failure = e;
            frames.notifyAll();
        }
    }
}
