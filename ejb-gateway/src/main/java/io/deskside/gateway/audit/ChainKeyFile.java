package io.deskside.gateway.audit;

import io.deskside.gateway.config.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;
import javax.crypto.spec.SecretKeySpec;

/**
 * The file that holds the event-log key ({@code deskside.audit.key-file}): {@code #} comment
 * lines and one line {@code v1 <keyedFrom> <32 random bytes, Base64>}. It lives outside the
 * database and its backups, readable by the server's user only. Reading is strict: a file that
 * is not exactly this stops the deployment, rather than a guessed key making every entry look
 * altered.
 */
public final class ChainKeyFile {

    public static final String SETTING = "deskside.audit.key-file";
    static final String VERSION = "v1";
    static final int KEY_BYTES = 32;
    private static final Logger LOG = Logger.getLogger(ChainKeyFile.class.getName());

    private ChainKeyFile() {
    }

    /** The key in the file; an unreadable or malformed file stops with a message naming the setting. */
    public static ChainKey read(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (OwnerOnlyFiles.openToOthers(file)) {
                LOG.warning(() -> SETTING + ": " + file + " may be read by others than the server's user: "
                        + "make it readable by the server's user only (chmod 600)");
            }
        } catch (IOException e) {
            throw new IllegalStateException(SETTING + ": cannot read " + file + ": " + e, e);
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!l.isBlank() && !l.startsWith("#")) {
                lines.add(l);
            }
        }
        if (lines.size() != 1) {
            throw malformed(file, "it must hold one line 'v1 <first keyed entry> <key in Base64>' besides # comments, not "
                    + lines.size());
        }
        String[] parts = lines.get(0).split(" ", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw malformed(file, "its line must read 'v1 <first keyed entry> <key in Base64>'");
        }
        long keyedFrom;
        try {
            keyedFrom = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw malformed(file, "the first keyed entry must be a whole number");
        }
        if (keyedFrom < 1) {
            throw malformed(file, "the first keyed entry must be 1 or more");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw malformed(file, "the key is not Base64");
        }
        if (key.length != KEY_BYTES) {
            throw malformed(file, "the key must be " + KEY_BYTES + " bytes");
        }
        return ChainKey.of(new SecretKeySpec(key, EventChain.MAC_ALGORITHM), keyedFrom);
    }

    /**
     * Makes a new random key, from {@code keyedFrom} on, in a new file readable by its owner
     * only. Fails with {@link java.nio.file.FileAlreadyExistsException} if the file exists:
     * an existing key is never replaced.
     */
    public static ChainKey create(Path file, long keyedFrom, SecureRandom random) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        String content = "# The Deskside event-log key (" + SETTING + "). Keep it secret and back it up apart from\n"
                + "# the database: without it the event log's entries from " + keyedFrom + " on cannot be verified.\n"
                + "# Every node of a cluster needs this same file. Never edit it.\n"
                + VERSION + " " + keyedFrom + " " + Base64.getEncoder().encodeToString(key) + "\n";
        OwnerOnlyFiles.createNew(file, content);
        return ChainKey.of(new SecretKeySpec(key, EventChain.MAC_ALGORITHM), keyedFrom);
    }

    private static IllegalStateException malformed(Path file, String why) {
        return new IllegalStateException(SETTING + ": " + file + " is not an event-log key file: " + why);
    }
}
