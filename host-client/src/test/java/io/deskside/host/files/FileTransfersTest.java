package io.deskside.host.files;

import io.deskside.host.TestKeys;
import io.deskside.host.TestRelay;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deskside.host.input.HostWindows;
import io.deskside.host.input.InputInjector;
import io.deskside.host.session.HostSession;
import io.deskside.host.session.LocalClipboard;
import io.deskside.host.session.LocalDesktop;
import io.deskside.protocol.crypto.SessionKeys;
import io.deskside.protocol.desktop.DesktopMessage;
import io.deskside.protocol.desktop.DesktopMessage.ChatLine;
import io.deskside.protocol.desktop.DesktopMessage.ClipboardText;
import io.deskside.protocol.desktop.DesktopMessage.FileAccept;
import io.deskside.protocol.desktop.DesktopMessage.FileAck;
import io.deskside.protocol.desktop.DesktopMessage.FileOffer;
import io.deskside.protocol.desktop.DesktopMessage.FileRefuse;
import io.deskside.protocol.desktop.DesktopMessage.PermissionRefused;
import io.deskside.protocol.desktop.DesktopProtocolException;
import io.deskside.protocol.desktop.DesktopStream;
import io.deskside.protocol.desktop.FileId;
import io.deskside.protocol.desktop.FileName;
import io.deskside.protocol.desktop.files.DirectoryFileStore;
import io.deskside.protocol.desktop.files.FileReceiver;
import io.deskside.protocol.desktop.files.FileSender;
import io.deskside.protocol.desktop.files.TransferState;
import io.deskside.protocol.session.DesktopSession;
import io.deskside.protocol.wire.Message;
import io.deskside.protocol.wire.Message.Permission;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Host's session ({@link HostSession} and its {@link FileTransfers}) joined to a Guest's
 * desktop session by an in-memory relay that delivers in order, as the gateway does. The Guest's
 * end is the real {@link FileSender} and {@link FileReceiver}; the end user's consent is a test
 * double that answers (or not) when the test says, so nothing here needs a display.
 */
class FileTransfersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path downloads;
    @TempDir
    Path documents;
    @TempDir
    Path guestFiles;

    private final TestRelay toGuest = new TestRelay();
    private final TestRelay toHost = new TestRelay();
    private final BlockingQueue<Exception> failures = new LinkedBlockingQueue<>();
    private final Consent consent = new Consent();
    private final View view = new View();
    private final BlockingQueue<String> clipboard = new LinkedBlockingQueue<>();
    private HostSession host;
    private DesktopSession guest;
    private GuestEnd guestEnd;

    // ---- files from the technician

    @Test
    void aFileFromTheTechnicianIsWrittenOnlyAfterTheEndUserSaysSaveAndArrivesWhole() throws Exception {
        open(Set.of(Permission.FILES));
        byte[] bytes = random(700_000, 1);
        FileId id = guestEnd.offer("report.pdf", bytes);

        Pending offer = consent.offers.poll(10, TimeUnit.SECONDS);
        assertNotNull(offer, "the end user was asked");
        assertEquals("report.pdf", offer.offer().name().value());
        assertEquals(bytes.length, offer.offer().size());
        Thread.sleep(200);
        assertTrue(list(downloads).isEmpty(), "nothing is written before the end user says Save");
        assertTrue(guestEnd.received(FileAccept.class).isEmpty(), "nothing is accepted before the end user says Save");

        offer.answer().accept(Optional.of(new FileConsent.SaveAs(downloads.resolve("report.pdf"), false)));
        awaitTrue(() -> guestEnd.senderState(id) == TransferState.DONE, "the technician heard the file arrived");
        assertArrayEquals(sha256(bytes), sha256(Files.readAllBytes(downloads.resolve("report.pdf"))));
        assertEquals(List.of(downloads.resolve("report.pdf")), list(downloads), "no part file is left beside it");
        TransferView.Transfer last = view.lastOf(id);
        assertEquals(TransferState.DONE, last.state());
        assertEquals(downloads.toRealPath().resolve("report.pdf"), last.savedAs());
    }

    @Test
    void aFileOfANameAlreadyThereIsSavedBesideItUnlessTheEndUserAgreedToReplace() throws Exception {
        open(Set.of(Permission.FILES));
        Files.writeString(downloads.resolve("notes.txt"), "mine");
        FileId id = guestEnd.offer("notes.txt", "theirs".getBytes());
        consent.offers.poll(10, TimeUnit.SECONDS).answer().accept(Optional.of(new FileConsent.SaveAs(downloads.resolve("notes.txt"), false)));
        awaitTrue(() -> guestEnd.senderState(id) == TransferState.DONE, "the file arrived");
        assertEquals("mine", Files.readString(downloads.resolve("notes.txt")));
        assertEquals("theirs", Files.readString(downloads.resolve("notes (2).txt")));
    }

    @Test
    void aRefusedOfferIsAnsweredWithFileRefuseAndWritesNothing() throws Exception {
        open(Set.of(Permission.FILES));
        FileId id = guestEnd.offer("setup.exe", random(10_000, 2));
        consent.offers.poll(10, TimeUnit.SECONDS).answer().accept(Optional.empty());

        FileRefuse refuse = guestEnd.await(FileRefuse.class);
        assertEquals(id, refuse.id());
        assertEquals(FileRefuse.Cause.DECLINED, refuse.cause());
        awaitTrue(() -> guestEnd.senderState(id) == TransferState.REFUSED, "the technician's side took the refusal");
        assertTrue(list(downloads).isEmpty());
    }

    @Test
    void withoutFilesInForceAnOfferNeverReachesTheEndUser() throws Exception {
        open(Set.of(Permission.CHAT));
        guestEnd.offer("report.pdf", random(1000, 3));
        PermissionRefused refused = guestEnd.await(PermissionRefused.class);
        assertEquals(Permission.FILES, refused.permission());
        assertNull(consent.offers.poll(200, TimeUnit.MILLISECONDS), "the end user was not asked");
    }

    // ---- files to the technician

    @Test
    void aFileTheEndUserChoseAndConfirmedReachesTheTechnicianWithTheSameSha256() throws Exception {
        open(Set.of(Permission.FILES));
        byte[] bytes = random(300_000, 4);
        Path chosen = Files.write(documents.resolve("report.txt"), bytes);
        consent.toSend = Optional.of(chosen);

        host.sendAFile();
        FileOffer offer = guestEnd.await(FileOffer.class);
        assertEquals("report.txt", offer.name().value());
        assertEquals(Message.Role.HOST, offer.id().offeredBy());
        awaitTrue(() -> guestEnd.receiverState(offer.id()) == TransferState.DONE, "the technician has the file");
        assertArrayEquals(sha256(bytes), sha256(guestEnd.receivedBytes(offer.id())));
        awaitTrue(() -> view.lastOf(offer.id()) != null && view.lastOf(offer.id()).state() == TransferState.DONE, "the end user sees it done");
        assertArrayEquals(bytes, Files.readAllBytes(chosen), "the sent file is left as it was");
    }

    @Test
    void nothingIsOfferedWhenTheEndUserDoesNotConfirm() throws Exception {
        open(Set.of(Permission.FILES));
        consent.toSend = Optional.empty();
        host.sendAFile();
        assertEquals(1, consent.chooseCalls.get());
        Thread.sleep(300);
        assertTrue(guestEnd.received(FileOffer.class).isEmpty());
    }

    // ---- the session ends

    @Test
    void atSessionEndPartialsAreDeletedAndWholeFilesStay() throws Exception {
        open(Set.of(Permission.FILES));
        byte[] small = random(50_000, 5);
        FileId whole = guestEnd.offer("small.bin", small);
        consent.offers.poll(10, TimeUnit.SECONDS).answer().accept(Optional.of(new FileConsent.SaveAs(downloads.resolve("small.bin"), false)));
        awaitTrue(() -> guestEnd.senderState(whole) == TransferState.DONE, "the small file arrived");

        guestEnd.chunkBudget.set(8); // half a megabyte, then the technician's side stops sending
        FileId cut = guestEnd.offer("big.bin", random(3_000_000, 6));
        consent.offers.poll(10, TimeUnit.SECONDS).answer().accept(Optional.of(new FileConsent.SaveAs(downloads.resolve("big.bin"), false)));
        awaitTrue(() -> guestEnd.received(FileAck.class).stream().anyMatch(a -> a.id().equals(cut) && a.offset() == 8L * FileSender.CHUNK_BYTES),
                "the first eight chunks of the big file were written");
        assertEquals(2, list(downloads).size(), "the small file, and the big one's part file");

        host.close();
        assertEquals(List.of(downloads.resolve("small.bin")), list(downloads), "the part file is gone, the whole file stays");
        assertArrayEquals(small, Files.readAllBytes(downloads.resolve("small.bin")));
    }

    // ---- chat and clipboard

    @Test
    void theTechniciansClipboardTextGoesOnTheClipboardOnlyWithClipboard() throws Exception {
        open(Set.of(Permission.CLIPBOARD));
        assertTrue(guest.send(new ClipboardText("C:\\temp\\log.txt")));
        assertEquals("C:\\temp\\log.txt", clipboard.poll(10, TimeUnit.SECONDS));
        assertTrue(host.sendClipboard("mine\u0007"));
        assertEquals("mine\uFFFD", guestEnd.await(ClipboardText.class).text());
        assertFalse(host.chat("hello"), "no chat without CHAT");
    }

    @Test
    void theEndUsersChatLineGoesOutOnlyWithChat() throws Exception {
        open(Set.of(Permission.CHAT));
        assertTrue(host.chat("  it says error 42 \n"));
        assertEquals("it says error 42", guestEnd.await(ChatLine.class).text());
        assertFalse(host.sendClipboard("secret"), "no clipboard without CLIPBOARD");
        assertTrue(guest.send(new ClipboardText("x")));
        assertEquals(Permission.CLIPBOARD, guestEnd.await(PermissionRefused.class).permission());
        assertNull(clipboard.poll(100, TimeUnit.MILLISECONDS));
    }

    // ---- the rig

    private void open(Set<Permission> inForce) throws Exception {
        SessionKeys[] k = TestKeys.agreed();
        InputInjector.Robotic noInput = (InputInjector.Robotic) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {InputInjector.Robotic.class}, (p, m, a) -> {
                    throw new AssertionError("no input in these tests");
                });
        LocalClipboard board = clipboard::add;
        var desktop = new LocalDesktop(() -> {
            throw new AssertionError("no screen in these tests");
        }, noInput, HostWindows.NONE, board, consent, view);
        host = new HostSession(k[0].forHost(), toGuest, inForce, desktop, new HostSession.Listener() {
            @Override
            public void chat(String text) {
            }

            @Override
            public void blocked(Permission permission) {
            }
        }, failures::add);
        guestEnd = new GuestEnd(guestFiles);
        guest = new DesktopSession(Message.Role.GUEST, k[1].forGuest(), toHost,
                Map.of(DesktopStream.CONTROL, guestEnd::control, DesktopStream.FILES, guestEnd::chunk), failures::add);
        guestEnd.session = guest;
        toGuest.connect(guest::arrived, guest::credit);
        toHost.connect(host::arrived, host::credit);
        host.start();
        guest.start();
        guestEnd.start();
    }

    @AfterEach
    void close() {
        if (host != null) {
            guestEnd.stop();
            host.close();
            guest.close();
        }
        assertNull(failures.poll(), "no side broke the protocol");
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** An offer the end user was asked about, and how to answer it. */
    private record Pending(FileOffer offer, Consumer<Optional<FileConsent.SaveAs>> answer) {
    }

    /** The end user, as the test plays them. */
    private static final class Consent implements FileConsent {
        final BlockingQueue<Pending> offers = new LinkedBlockingQueue<>();
        final AtomicInteger chooseCalls = new AtomicInteger();
        volatile Optional<Path> toSend = Optional.empty();

        @Override
        public void offered(FileOffer offer, Consumer<Optional<SaveAs>> answer) {
            offers.add(new Pending(offer, answer));
        }

        @Override
        public void chooseToSend(Consumer<Optional<Path>> answer) {
            chooseCalls.incrementAndGet();
            answer.accept(toSend);
        }
    }

    /** What the end user's window would show. */
    private static final class View implements TransferView {
        final Map<FileId, Transfer> last = new ConcurrentHashMap<>();

        @Override
        public void changed(Transfer transfer) {
            last.put(transfer.id(), transfer);
        }

        @Override
        public void problem(String text) {
            throw new AssertionError("a problem shown: " + text);
        }

        Transfer lastOf(FileId id) {
            return last.get(id);
        }
    }

    /** The technician's end: the real file state machines, answering at once and accepting every offer. */
    private static final class GuestEnd {
        final FileSender sender;
        final FileReceiver receiver;
        final DirectoryFileStore store;
        final List<DesktopMessage> received = new ArrayList<>();
        /** Chunks the technician's side may still send; negative for no limit. */
        final AtomicInteger chunkBudget = new AtomicInteger(-1);
        volatile DesktopSession session;
        private final Thread pump = new Thread(this::pump, "test-guest-pump");
        private volatile boolean running = true;

        GuestEnd(Path dir) throws IOException {
            store = new DirectoryFileStore(dir);
            sender = new FileSender(Message.Role.GUEST, store, System::nanoTime);
            receiver = new FileReceiver(Message.Role.GUEST, store, System::nanoTime);
        }

        void start() {
            pump.setDaemon(true);
            pump.start();
        }

        void stop() {
            running = false;
            pump.interrupt();
        }

        FileId offer(String name, byte[] bytes) throws IOException {
            Files.write(store.root().resolve(name), bytes);
            FileOffer o;
            synchronized (this) {
                o = sender.offer(name, new FileName(name));
            }
            assertTrue(session.send(o));
            return o.id();
        }

        void control(DesktopMessage m) throws DesktopProtocolException {
            List<DesktopMessage> out = new ArrayList<>();
            synchronized (this) {
                received.add(m);
                notifyAll();
                if (m.type().name().startsWith("FILE_")) {
                    boolean mine = switch (m.type()) {
                        case FILE_OFFER -> false;
                        case FILE_CANCEL -> ((DesktopMessage.FileCancel) m).id().offeredBy() == Message.Role.GUEST;
                        default -> true;
                    };
                    if (mine) {
                        out.addAll(sender.receive(m));
                    } else {
                        out.addAll(receiver.receive(m));
                        if (m instanceof FileOffer o && receiver.state(o.id()) == TransferState.OFFERED) {
                            out.addAll(receiver.accept(o.id()));
                        }
                    }
                }
            }
            out.forEach(session::send);
        }

        void chunk(DesktopMessage m) throws DesktopProtocolException {
            List<DesktopMessage> out;
            synchronized (this) {
                out = receiver.receive(m);
            }
            out.forEach(session::send);
        }

        private void pump() {
            try {
                while (running) {
                    List<DesktopMessage> chunks;
                    synchronized (this) {
                        int budget = chunkBudget.get();
                        chunks = budget == 0 ? List.of() : sender.nextChunks(budget < 0 ? 4 : Math.min(4, budget));
                        if (budget > 0) {
                            chunkBudget.addAndGet(-chunks.size());
                        }
                    }
                    for (DesktopMessage c : chunks) {
                        while (!session.send(c, Duration.ofSeconds(1)) && running) {
                            // waits for credit
                        }
                    }
                    if (chunks.isEmpty()) {
                        Thread.sleep(5);
                    }
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }

        synchronized <T extends DesktopMessage> List<T> received(Class<T> type) {
            return received.stream().filter(type::isInstance).map(type::cast).toList();
        }

        synchronized <T extends DesktopMessage> T await(Class<T> type) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received(type).isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " came");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return received(type).get(0);
        }

        synchronized TransferState senderState(FileId id) {
            return sender.state(id);
        }

        synchronized TransferState receiverState(FileId id) {
            return receiver.state(id);
        }

        synchronized byte[] receivedBytes(FileId id) throws IOException {
            return Files.readAllBytes(store.root().resolve(receiver.storedAs(id)));
        }
    }

}
