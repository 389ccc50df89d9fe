package io.deskside.it.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a program left on disk: a snapshot of some trees (each file's type, size and SHA-256, each
 * directory and link as such), taken before and after, and the difference between two as lines a
 * person reads ({@code + path (file, 12 bytes)}, {@code - path}, {@code ~ path}). Files are read
 * whole: the trees snapshotted are small (a fresh home, a temporary directory).
 */
public final class Footprint {

    private final Map<Path, String> entries;

    private Footprint(Map<Path, String> entries) {
        this.entries = entries;
    }

    /** Every entry under each of {@code roots} (those that exist), the roots themselves included. */
    public static Footprint of(List<Path> roots) {
        Map<Path, String> entries = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.forEach(p -> entries.put(p.toAbsolutePath(), describe(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Footprint(entries);
    }

    /** The entries directly in {@code dir} (not below), by name and type only: for a shared directory such as /tmp. */
    public static Footprint names(Path dir) {
        Map<Path, String> entries = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> entries.put(p.toAbsolutePath(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "directory" : "file"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Footprint(entries);
    }

    /** What changed from {@code before} to this: one line per entry added ({@code +}), removed ({@code -}) or changed ({@code ~}). */
    public List<String> since(Footprint before) {
        List<String> changes = new ArrayList<>();
        for (var e : entries.entrySet()) {
            String was = before.entries.get(e.getKey());
            if (was == null) {
                changes.add("+ " + e.getKey() + " (" + e.getValue() + ")");
            } else if (!was.equals(e.getValue()) && !e.getValue().equals("directory")) {
                changes.add("~ " + e.getKey() + " (" + was + " -> " + e.getValue() + ")");
            }
        }
        for (Path p : before.entries.keySet()) {
            if (!entries.containsKey(p)) {
                changes.add("- " + p);
            }
        }
        return changes;
    }

    private static String describe(Path p) {
        try {
            if (Files.isSymbolicLink(p)) {
                return "link to " + Files.readSymbolicLink(p);
            }
            if (Files.isDirectory(p)) {
                return "directory";
            }
            return "file, " + Files.size(p) + " bytes, sha-256 " + sha256(p);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** The SHA-256 of a file, in hex. */
    public static String sha256(Path file) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0;) {
                    d.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
