package io.deskside.host.files;

import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.FileAccept;
import io.deskside.protocol.desktop.DesktopMessage.FileAck;
import io.deskside.protocol.desktop.DesktopMessage.FileCancel;
import io.deskside.protocol.desktop.DesktopMessage.FileChunk;
import io.deskside.protocol.desktop.DesktopMessage.FileDone;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import io.deskside.protocol.desktop.DesktopMessage.FileRefuse;
import io.deskside.protocol.desktop.DesktopMessage.FileResume;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.desktop.files.FileReceiver;
import io.deskside.protocol.desktop.files.FileSender;
import io.deskside.protocol.desktop.files.TransferState;
import io.deskside.protocol.session.DesktopSession;
import io.deskside.protocol.wire.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Files to and from the technician for one session (host-plan §3.7), with the end user's consent
 * each way ({@link FileConsent}). One {@link FileSender} and one {@link FileReceiver}, both the
 * Host's, do the protocol; this class feeds them what arrives, sends what they answer, and keeps
 * them to what the end user chose: the receiver writes only where the end user said Save
 * ({@link SavePlaces}), the sender reads only the files the end user picked ({@link ChosenFiles}).
 *
 * <p>Threads: offers, answers and cancels arrive on the session's CONTROL thread and chunks on its
 * FILES thread ({@link #control}, {@link #chunk}); the receiver handles them there, under its lock,
 * so a chunk's credit is given back once it is written. The sender belongs to one thread of its
 * own, "deskside-files": it hashes the files the end user sends, takes the technician's answers,
 * sends chunks paced by the link's credit, and acks received files every 500 ms. When the session
 * ends ({@link #close}), partial files of unfinished transfers are deleted (no footprint); files
 * received whole stay.
 */
public final class FileTransfers implements AutoCloseable {

    /** How the transfers reach the technician: the session's send, with and without waiting for room. */
    public interface Link {
        boolean send(DesktopMessage message);

        boolean send(DesktopMessage message, Duration wait) throws InterruptedException;

        boolean isOver();

        static Link of(DesktopSession session) {
            return new Link() {
                @Override
                public boolean send(DesktopMessage message) {
                    return session.send(message);
                }

                @Override
                public boolean send(DesktopMessage message, Duration wait) throws InterruptedException {
                    return session.send(message, wait);
                }

                @Override
                public boolean isOver() {
                    return session.isOver();
                }
            };
        }
    }

    /** Chunks taken from the sender at a time, between looks at the task queue. */
    static final int CHUNKS_AT_ONCE = 4;
    /** How long one chunk waits for room on the files stream before the link is looked at again. */
    static final Duration SEND_WAIT = Duration.ofSeconds(5);
    static final Duration TICK = FileReceiver.ACK_INTERVAL;

    private static final Logger LOG = Logger.getLogger(FileTransfers.class.getName());

    private final Link link;
    private final FileConsent consent;
    private final TransferView view;
    private final Consumer<Exception> broke;
    private final SavePlaces places = new SavePlaces();
    private final ChosenFiles chosen = new ChosenFiles();
    private final Object receiving = new Object();
    private final FileReceiver receiver; // under receiving
    private final FileSender sender; // only on the files thread
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Map<FileId, String> names = new ConcurrentHashMap<>();
    private final Thread thread;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean closed;

    /** @param broke told when the technician's side broke the protocol in a message the files thread handled */
    public FileTransfers(Link link, FileConsent consent, TransferView view, LongSupplier nanoTime, Consumer<Exception> broke) {
        this.link = Objects.requireNonNull(link, "link");
        this.consent = Objects.requireNonNull(consent, "consent");
        this.view = Objects.requireNonNull(view, "view");
        this.broke = Objects.requireNonNull(broke, "broke");
        this.receiver = new FileReceiver(Message.Role.HOST, places, nanoTime);
        this.sender = new FileSender(Message.Role.HOST, chosen, nanoTime);
        this.thread = new Thread(this::run, "deskside-files");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** A file message on CONTROL (the permission filter has passed it), on the session's control thread. */
    public void control(DesktopMessage m) throws DesktopProtocolException {
        if (m instanceof FileOffer || m instanceof FileChunk || m instanceof FileCancel c && c.id().offeredBy() == Message.Role.GUEST) {
            toReceiver(m);
        } else if (m instanceof FileAccept || m instanceof FileResume || m instanceof FileRefuse || m instanceof FileAck
                || m instanceof FileDone || m instanceof FileCancel) {
            tasks.add(() -> toSender(m));
        }
    }

    /** A chunk on FILES, on the session's files thread: written before this returns, so credit follows the disk. */
    public void chunk(DesktopMessage m) throws DesktopProtocolException {
        if (m instanceof FileChunk) {
            toReceiver(m);
        } else {
            throw new DesktopProtocolException(DesktopProtocolException.Reason.WRONG_STREAM, "a " + m.type() + " on the files stream");
        }
    }

    /** The end user clicked "Send a file…": they choose and confirm, then the file is hashed and offered. */
    public void sendAFile() {
        if (!closed) {
            consent.chooseToSend(file -> file.ifPresent(f -> tasks.add(() -> offer(f))));
        }
    }

    /** The end user stops a transfer, either way. */
    public void cancel(FileId id) {
        if (id.offeredBy() == Message.Role.HOST) {
            tasks.add(() -> {
                sendAll(sender.cancel(id));
                showSent(id);
            });
        } else {
            tasks.add(() -> {
                List<DesktopMessage> out;
                synchronized (receiving) {
                    if (closed) {
                        return;
                    }
                    out = receiver.cancel(id);
                    settled(id);
                }
                sendAll(out);
            });
        }
    }

    // ---- receiving (any of the session's threads, under the lock)

    private void toReceiver(DesktopMessage m) throws DesktopProtocolException {
        FileId id = idOf(m);
        List<DesktopMessage> out;
        boolean ask;
        synchronized (receiving) {
            if (closed) {
                return;
            }
            out = receiver.receive(m);
            ask = m instanceof FileOffer && receiver.state(id) == TransferState.OFFERED;
            if (m instanceof FileOffer o) {
                names.put(id, o.name().value());
            }
            settled(id);
        }
        for (DesktopMessage answer : out) {
            link.send(answer);
        }
        if (ask) {
            FileOffer offer = (FileOffer) m;
            consent.offered(offer, saveAs -> tasks.add(() -> answered(offer.id(), saveAs)));
        }
    }

    /** The end user's answer to an offer, on the files thread (accepting opens a file). */
    private void answered(FileId id, Optional<FileConsent.SaveAs> saveAs) {
        List<DesktopMessage> out;
        synchronized (receiving) {
            if (closed) {
                return;
            }
            if (saveAs.isEmpty()) {
                out = receiver.refuse(id, FileRefuse.Cause.DECLINED);
            } else {
                try {
                    places.choose(receiver.storedAs(id), saveAs.get());
                    out = receiver.accept(id);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "The chosen folder cannot be written", e);
                    view.problem(names.get(id) + " cannot be saved there: " + e.getMessage());
                    out = receiver.refuse(id, FileRefuse.Cause.NO_ROOM);
                }
            }
            settled(id);
        }
        sendAll(out);
    }

    /**
     * After the receiver handled something for {@code id}: shows where it stands, and once it has
     * ended, keeps the file (whole and verified) or deletes its part file.
     */
    private void settled(FileId id) {
        TransferState state;
        try {
            state = receiver.state(id);
        } catch (IllegalArgumentException e) {
            return; // ended long enough ago to be forgotten: nothing changed
        }
        String storeName = receiver.storedAs(id);
        Path savedAs = null;
        if (state == TransferState.DONE && places.chosen(storeName)) {
            try {
                savedAs = places.keep(storeName);
            } catch (IOException e) {
                LOG.log(Level.FINE, "The received file could not be moved to its name", e);
                view.problem(names.get(id) + " arrived but could not be saved under its name: " + e.getMessage());
                places.discard(storeName);
            }
        } else if (state.ended()) {
            places.discard(storeName);
        }
        view.changed(new TransferView.Transfer(id, names.getOrDefault(id, ""), true, receiver.progress(id), state, savedAs));
    }

    // ---- sending (the files thread only)

    private void offer(Path file) {
        try {
            String storeName = chosen.add(file);
            FileOffer o = sender.offer(storeName, OfferedName.of(file.getFileName().toString()));
            names.put(o.id(), o.name().value());
            link.send(o);
            showSent(o.id());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "The file could not be offered", e);
            view.problem(file.getFileName() + " could not be sent: " + e.getMessage());
        }
    }

    private void toSender(DesktopMessage m) {
        try {
            sendAll(sender.receive(m));
            showSent(idOf(m));
        } catch (DesktopProtocolException e) {
            closed = true;
            broke.accept(e);
        }
    }

    private void showSent(FileId id) {
        view.changed(new TransferView.Transfer(id, names.getOrDefault(id, ""), false, sender.progress(id), sender.state(id), null));
    }

    private void run() {
        long nextTick = System.nanoTime() + TICK.toNanos();
        try {
            while (!closed && !link.isOver()) {
                long untilTick = Math.max(0, nextTick - System.nanoTime());
                Runnable task = tasks.poll(sender.hasChunksToSend() ? 0 : untilTick, TimeUnit.NANOSECONDS);
                for (; task != null && !closed; task = tasks.poll()) {
                    runTask(task);
                }
                if (System.nanoTime() - nextTick >= 0) {
                    nextTick = System.nanoTime() + TICK.toNanos();
                    tick();
                }
                if (!closed && sender.hasChunksToSend()) {
                    List<DesktopMessage> chunks = sender.nextChunks(CHUNKS_AT_ONCE);
                    sendAll(chunks);
                    chunks.stream().map(FileTransfers::idOf).distinct().forEach(this::showSent);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sender.sessionEnded();
        }
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A file transfer step failed", e);
            view.problem("A file transfer stopped: " + e.getMessage());
        }
    }

    private void tick() {
        List<DesktopMessage> acks;
        synchronized (receiving) {
            if (closed) {
                return;
            }
            acks = receiver.tick();
            acks.forEach(a -> settled(idOf(a)));
        }
        sendAll(acks);
    }

    /** Sends in order: chunks wait for room on FILES (paced by the technician's credit); the rest is queued on CONTROL. */
    private void sendAll(List<DesktopMessage> out) {
        for (DesktopMessage m : out) {
            if (m.type().stream() != DesktopStream.FILES) {
                link.send(m);
                continue;
            }
            try {
                while (!link.send(m, SEND_WAIT)) {
                    if (closed || link.isOver()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
                return;
            }
        }
    }

    private static FileId idOf(DesktopMessage m) {
        if (m instanceof FileOffer o) {
            return o.id();
        } else if (m instanceof FileAccept a) {
            return a.id();
        } else if (m instanceof FileResume r) {
            return r.id();
        } else if (m instanceof FileRefuse r) {
            return r.id();
        } else if (m instanceof FileAck a) {
            return a.id();
        } else if (m instanceof FileDone d) {
            return d.id();
        } else if (m instanceof FileCancel c) {
            return c.id();
        } else if (m instanceof FileChunk c) {
            return c.id();
        }
        throw new IllegalArgumentException("not a file message: " + m.type());
    }

    /**
     * The session ended: nothing more is sent or written; the part files of unfinished transfers
     * are deleted and files received whole stay. Returns once the part files are gone.
     */
    @Override
    public void close() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        synchronized (receiving) {
            closed = true;
            receiver.sessionEnded(true);
            places.discardAll();
        }
        thread.interrupt();
    }
}
