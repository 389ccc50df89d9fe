package io.deskside.gateway.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the chain head was at a moment, signed with the event-log key: {@code v1 <seq> <hash>
 * <at> <mac>}, the MAC over {@code deskside checkpoint v1|seq|hash|at}. Kept outside the database
 * (a file, and the server log), it shows what the key alone cannot: that the newest entries were
 * cut off, or the whole database put back to an older genuine copy.
 */
public record Checkpoint(long seq, String hash, Instant at, String mac) {

    static final String VERSION = "v1";

    public Checkpoint {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(mac, "mac");
    }

    public static Checkpoint sign(ChainKey key, long seq, String hash, Instant at) {
        return new Checkpoint(seq, hash, at, key.mac(signed(seq, hash, at)));
    }

    /** Whether this key made the MAC: false for an altered checkpoint, or one made with another key. */
    public boolean signedBy(ChainKey key) {
        return MessageDigest.isEqual(key.mac(signed(seq, hash, at)).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
    }

    /** The one line the file holds and the server log shows. */
    public String line() {
        return VERSION + " " + seq + " " + hash + " " + at + " " + mac;
    }

    /** The checkpoint in a line written by {@link #line()}; an {@link IllegalArgumentException} if it is none. */
    public static Checkpoint parse(String line) {
        String[] parts = line.strip().split(" ", -1);
        if (parts.length != 5 || !parts[0].equals(VERSION) || !hex64(parts[2]) || !hex64(parts[4])) {
            throw new IllegalArgumentException("not a checkpoint line 'v1 <seq> <hash> <at> <mac>'");
        }
        try {
            return new Checkpoint(Long.parseLong(parts[1]), parts[2], Instant.parse(parts[3]), parts[4]);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a checkpoint line 'v1 <seq> <hash> <at> <mac>'", e);
        }
    }

    /**
     * The checkpoint in a file: {@code #} comments and one checkpoint line. Empty if there is no
     * file; an {@link IllegalArgumentException} if the file holds something else.
     */
    public static Optional<Checkpoint> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event-log checkpoint " + file, e);
        }
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank() && !l.startsWith("#")) {
                lines.add(l);
            }
        }
        if (lines.size() != 1) {
            throw new IllegalArgumentException("a checkpoint file holds one checkpoint line");
        }
        return Optional.of(parse(lines.get(0)));
    }

    /** The file's content: a comment saying what it is, and the line. */
    public String fileContent() {
        return "# The Deskside event log's head at " + at + ", signed with the event-log key (deskside.audit.checkpoint-file).\n"
                + "# Delete this file after deliberately restoring an older database, or verify reports entries removed.\n"
                + line() + "\n";
    }

    private static String signed(long seq, String hash, Instant at) {
        return "deskside checkpoint v1|" + seq + "|" + hash + "|" + at;
    }

    private static boolean hex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        try {
            HexFormat.of().parseHex(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
