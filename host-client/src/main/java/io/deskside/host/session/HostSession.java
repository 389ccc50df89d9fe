package io.deskside.host.session;

import io.deskside.host.files.FileTransfers;
import io.deskside.host.input.InputInjector;
import io.deskside.host.screen.CursorService;
import io.deskside.host.screen.ScreenService;
import io.deskside.protocol.client.SealedStreams;
import io.deskside.protocol.crypto.SealedChannel;
import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.Annotation;
import io.deskside.protocol.desktop.DesktopMessage.ChatLine;
import io.deskside.protocol.desktop.DesktopMessage.ClipboardText;
import io.deskside.protocol.desktop.DesktopMessage.Hello;
import io.deskside.protocol.desktop.DesktopMessage.PermissionRefused;
import io.deskside.protocol.desktop.DesktopMessage.PermissionsInForce;
import io.deskside.protocol.desktop.DesktopMessage.UpdateRequest;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.PermissionFilter;
import io.deskside.protocol.desktop.RefusalNotices;
import io.deskside.protocol.session.DesktopSession;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.Message.Permission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The Host's side of a desktop session, from the moment the keys are agreed (and, for a help
 * service, the end user said the codes match) until either side ends it. It says hello and
 * which permissions are in force, answers screen requests ({@link ScreenService}), shows chat
 * lines, and enforces the permissions: every record from the Guest passes
 * {@link PermissionFilter} first; what it refuses is dropped and reported to the Guest as
 * {@link PermissionRefused}, at most once a second per type ({@link RefusalNotices}).
 *
 * <p>With CHAT, the end user and the technician exchange chat lines; with CLIPBOARD, the
 * technician's clipboard text goes on the end user's clipboard, and the end user's goes out only
 * when they send it; with FILES, files go each way with the end user's consent ({@link FileTransfers}).
 *
 * <p>Input from the Guest (pointer, keys) is refused when CONTROL is not in force, and otherwise
 * injected ({@link InputInjector}), except into the Host's own windows: that is refused too.
 * When the session ends, every key and button still down is released.
 *
 * <p>With VIEW, the end user's mouse pointer goes out apart from the screen ({@link CursorService});
 * with ANNOTATE, the technician's annotations are drawn on the end user's screen
 * ({@link Annotations}) and taken off it when the session ends.
 */
public final class HostSession implements AutoCloseable {

    /** What the end user hears of the session, on the session's threads: hand it to the EDT. */
    public interface Listener {
        void chat(String text);

        /** The technician tried something the session may not do; told at most once a second per kind. */
        void blocked(Permission permission);
    }

    public static final String CLIENT = "Deskside Host";

    private final Set<Permission> inForce;
    private final Listener listener;
    private final DesktopSession session;
    private final ScreenService screen;
    private final InputInjector injector;
    private final CursorService cursor;
    private final Annotations annotations;
    /** Guards {@link #annotationsEnded}: no annotation is shown once the session ended. */
    private final Object annotationLock = new Object();
    private boolean annotationsEnded;
    private final RefusalNotices notices = new RefusalNotices();
    private final ScheduledExecutorService noticeTimer;
    private final AtomicBoolean helloSeen = new AtomicBoolean();
    private final LocalClipboard clipboard;
    /** Null unless FILES is in force. */
    private final FileTransfers files;

    /**
     * @param inForce what the session may do: requested, allowed by the configuration, and shown to
     *                and allowed by the end user
     * @param failed  told once when the Guest broke the protocol; the session is over then
     */
    public HostSession(SealedChannel channel, SealedStreams.Tunnel tunnel, Set<Permission> inForce, LocalDesktop desktop,
            Listener listener, Consumer<Exception> failed) {
        this.inForce = inForce.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(inForce));
        this.listener = Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(failed, "failed");
        Consumer<Exception> broke = e -> {
            stopLocal();
            failed.accept(e);
        };
        Map<DesktopStream, DesktopSession.Handler> handlers = new HashMap<>(
                Map.<DesktopStream, DesktopSession.Handler>of(DesktopStream.CONTROL, this::control, DesktopStream.INPUT, this::input, DesktopStream.SCREEN, this::screen));
        handlers.put(DesktopStream.FILES, this::files);
        this.session = new DesktopSession(Message.Role.HOST, channel, tunnel, handlers, broke);
        this.clipboard = desktop.clipboard();
        this.files = this.inForce.contains(Permission.FILES)
                ? new FileTransfers(FileTransfers.Link.of(session), desktop.fileConsent(), desktop.transfers(), System::nanoTime, e -> {
                    session.close();
                    broke.accept(e);
                })
                : null;
        this.screen = new ScreenService(desktop.screen(), new ScreenService.Sender() {
            @Override
            public boolean send(DesktopMessage message, java.time.Duration wait) throws InterruptedException {
                return session.send(message, wait);
            }

            @Override
            public boolean isOver() {
                return session.isOver();
            }
        });
        this.injector = new InputInjector(desktop.input(), desktop.hostWindows());
        this.cursor = new CursorService(desktop.pointer(), session::send);
        this.annotations = desktop.annotations();
        this.noticeTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deskside-notices");
            t.setDaemon(true);
            return t;
        });
    }

    /** Grants credit, says hello and what is in force, and starts serving the screen and the pointer if VIEW is. */
    public void start() {
        session.start();
        session.send(new Hello(CLIENT));
        session.send(new PermissionsInForce(inForce));
        if (inForce.contains(Permission.VIEW)) {
            screen.start();
            cursor.start();
        }
        noticeTimer.scheduleAtFixedRate(this::flushNotices, 1, 1, TimeUnit.SECONDS);
        if (files != null) {
            files.start();
        }
    }

    /** The end user's chat line, if CHAT is in force; false if it was not sent. From any thread. */
    public boolean chat(String typed) {
        if (!inForce.contains(Permission.CHAT)) {
            return false;
        }
        return OutgoingText.chat(typed).map(line -> session.send(new ChatLine(line))).orElse(false);
    }

    /** Text the end user chose to send from their clipboard (and saw), if CLIPBOARD is in force. From any thread. */
    public boolean sendClipboard(String text) {
        return inForce.contains(Permission.CLIPBOARD) && session.send(new ClipboardText(OutgoingText.clipboard(text)));
    }

    /** The end user clicked "Send a file…"; nothing happens unless FILES is in force. From any thread. */
    public void sendAFile() {
        if (files != null) {
            files.sendAFile();
        }
    }

    public Set<Permission> inForce() {
        return inForce;
    }

    /** A {@code DATA} frame from the tunnel, in order, on the tunnel's reading thread. */
    public void arrived(Message.Data data) {
        session.arrived(data);
    }

    /** A {@code CREDIT} frame from the tunnel. */
    public void credit(Message.Credit credit) {
        session.credit(credit);
    }

    public boolean isOver() {
        return session.isOver();
    }

    private void control(DesktopMessage m) throws DesktopProtocolException {
        if (!admitted(m)) {
            return;
        }
        if (m instanceof Hello) {
            if (helloSeen.getAndSet(true)) {
                throw new DesktopProtocolException(DesktopProtocolException.Reason.BAD_STATE, "a second hello");
            }
        } else if (m instanceof ChatLine c) {
            listener.chat(c.text());
        } else if (m instanceof ClipboardText c) {
            clipboard.technicianPut(c.text());
        } else if (isFileMessage(m)) {
            if (files != null) {
                files.control(m); // without FILES only refusals and cancels get here, and there is nothing to refuse or cancel
            }
        }
    }

    private void input(DesktopMessage m) {
        if (!admitted(m)) {
            return;
        }
        if (m instanceof Annotation a) {
            annotate(a);
        } else if (injector.inject(m) == InputInjector.Outcome.HOST_WINDOW) {
            // Even with CONTROL, the technician does not act on the Host's own windows (host-plan §3.5).
            refuse(m, Permission.CONTROL);
        }
    }

    private void annotate(Annotation a) {
        synchronized (annotationLock) {
            if (!annotationsEnded) {
                annotations.show(a);
            }
        }
    }

    private void files(DesktopMessage m) throws DesktopProtocolException {
        if (admitted(m) && files != null) {
            files.chunk(m);
        }
    }

    private static boolean isFileMessage(DesktopMessage m) {
        return switch (m.type()) {
            case FILE_OFFER, FILE_ACCEPT, FILE_REFUSE, FILE_RESUME, FILE_ACK, FILE_DONE, FILE_CANCEL, FILE_CHUNK -> true;
            default -> false;
        };
    }

    private void screen(DesktopMessage m) {
        if (admitted(m) && m instanceof UpdateRequest r) {
            screen.request(r);
        }
    }

    /** Whether the permissions in force let {@code m} through; if not, it is dropped and reported. */
    private boolean admitted(DesktopMessage m) {
        if (PermissionFilter.allows(m, inForce)) {
            return true;
        }
        refuse(m, PermissionFilter.required(m).orElseThrow());
        return false;
    }

    private void refuse(DesktopMessage m, Permission needed) {
        notices.dropped(m.type(), needed).ifPresent(n -> {
            session.send(n);
            listener.blocked(needed);
        });
    }

    private void flushNotices() {
        for (PermissionRefused n : notices.due()) {
            session.send(n);
        }
    }

    private void stopLocal() {
        screen.close();
        cursor.close();
        injector.close();
        synchronized (annotationLock) {
            if (!annotationsEnded) {
                annotationsEnded = true;
                annotations.sessionEnded();
            }
        }
        noticeTimer.shutdownNow();
        if (files != null) {
            files.close(); // partials of unfinished transfers are deleted: no footprint
        }
    }

    /** Ends it here: nothing more is captured, sent or delivered. */
    @Override
    public void close() {
        session.close();
        stopLocal();
    }
}
