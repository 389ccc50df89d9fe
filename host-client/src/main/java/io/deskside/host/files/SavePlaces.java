package io.deskside.host.files;

import io.deskside.protocol.desktop.files.DirectoryFileStore;
import io.deskside.protocol.desktop.files.FileReceiver;
import io.deskside.protocol.desktop.files.FileStore;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link FileStore} the Host's {@link FileReceiver} writes to: only where the end user chose
 * to save a file. The receiver names a partial by the file's SHA-256 and size; here that name
 * means a hidden part file beside the file the end user chose ({@code .deskside-<random>.part} in
 * the chosen folder, a {@link DirectoryFileStore}), moved to the chosen name once the file is
 * whole and verified ({@link #keep}). A name nobody chose a place for does not exist and cannot be
 * opened, so no offer is resumed or written without the end user's Save.
 */
final class SavePlaces implements FileStore {

    private record Place(DirectoryFileStore folder, String partName, String fileName, boolean replace) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Place> places = new ConcurrentHashMap<>();

    /** The end user chose where the file the receiver stores as {@code storeName} goes. */
    void choose(String storeName, FileConsent.SaveAs saveAs) throws IOException {
        var folder = new DirectoryFileStore(saveAs.file().getParent());
        String partName;
        do {
            byte[] r = new byte[6];
            RANDOM.nextBytes(r);
            partName = ".deskside-" + HexFormat.of().formatHex(r) + ".part";
        } while (folder.exists(partName));
        places.put(storeName, new Place(folder, partName, saveAs.file().getFileName().toString(), saveAs.replace()));
    }

    /**
     * The file is whole and verified: moves it to the name the end user chose (or, if a file of
     * that name appeared and they did not agree to replace it, "name (2).ext") and returns where it is.
     */
    Path keep(String storeName) throws IOException {
        Place p = places.remove(storeName);
        if (p == null) {
            throw new IOException("no place was chosen for " + storeName);
        }
        Path root = p.folder().root();
        Path part = root.resolve(p.partName());
        if (p.replace()) {
            return Files.move(part, root.resolve(p.fileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        for (int n = 1; ; n++) {
            try {
                return Files.move(part, root.resolve(numbered(p.fileName(), n)));
            } catch (FileAlreadyExistsException e) {
                if (n >= 1000) {
                    throw e;
                }
            }
        }
    }

    /** The transfer ended unfinished: its part file goes (no footprint) and the place is forgotten. */
    void discard(String storeName) {
        Place p = places.remove(storeName);
        if (p != null) {
            try {
                p.folder().delete(p.partName());
            } catch (IOException e) {
                // Nothing more to do here; the part file is hidden and named as ours.
            }
        }
    }

    /** The session ended: every part file not yet kept goes. */
    void discardAll() {
        List.copyOf(places.keySet()).forEach(this::discard);
    }

    boolean chosen(String storeName) {
        return places.containsKey(storeName);
    }

    /** "report.pdf", then "report (2).pdf", "report (3).pdf"… */
    static String numbered(String name, int n) {
        if (n == 1) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name + " (" + n + ")" : name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
    }

    @Override
    public Handle openRead(String name) throws IOException {
        Place p = place(name);
        return p.folder().openRead(p.partName());
    }

    @Override
    public Handle openWrite(String name) throws IOException {
        Place p = place(name);
        return p.folder().openWrite(p.partName());
    }

    @Override
    public boolean exists(String name) throws IOException {
        Place p = places.get(name);
        return p != null && p.folder().exists(p.partName());
    }

    @Override
    public void delete(String name) throws IOException {
        Place p = places.get(name);
        if (p != null) {
            p.folder().delete(p.partName());
        }
    }

    private Place place(String name) throws IOException {
        Place p = places.get(name);
        if (p == null) {
            throw new IOException("the end user chose no place for " + name);
        }
        return p;
    }
}
