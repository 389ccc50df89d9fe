package io.deskside.gateway.technician;

import io.deskside.gateway.audit.Event;
import io.deskside.gateway.audit.EventLog;
import io.deskside.gateway.audit.EventLogKey;
import io.deskside.gateway.config.GatewaySettings;
import io.deskside.gateway.config.OwnerOnlyFiles;
import io.deskside.gateway.security.PasswordHasher;
import io.deskside.persistence.audit.EventType;
import io.deskside.persistence.technician.Role;
import io.deskside.persistence.technician.Technician;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.logging.Logger;

/**
 * Creates the first account on an empty database: {@code admin}, holding every role, so that a
 * new help desk can try everything. There is no built-in password. It takes
 * {@code DESKSIDE_ADMIN_PASSWORD} when set; otherwise it generates one and writes it, readable
 * by the server's user only, to {@code initial-admin-password} in the data directory, for the
 * run command to show once. The password never goes to the log.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "EventLogKey"})
public class AdminBootstrap {

    public static final String LOGIN = "admin";
    public static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @PersistenceContext(unitName = "deskside")
    EntityManager em;

    @Inject
    GatewaySettings settings;

    @EJB
    EventLog log;

    @EJB
    EventLogKey keys;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void createFirstAdministrator() {
        long accounts = em.createQuery("SELECT COUNT(t) FROM Technician t", Long.class).getSingleResult();
        log.append(Event.of(EventType.SERVER_STARTED, Event.SYSTEM));
        if (keys.createdNow()) {
            long from = keys.current().keyedFrom();
            String id = keys.current().id();
            log.append(Event.of(EventType.AUDIT_KEYED, Event.SYSTEM).detail(from == 1
                    ? "entries from the first on are keyed (key id " + id + ")"
                    : "entries from " + from + " on are keyed (key id " + id + "); entries before " + from
                            + " were chained with plain SHA-256"));
        }
        if (accounts > 0) {
            return;
        }
        String given = System.getenv("DESKSIDE_ADMIN_PASSWORD");
        boolean generated = given == null || given.isBlank();
        if (!generated && given.length() < 12) {
            throw new IllegalStateException("DESKSIDE_ADMIN_PASSWORD must be at least 12 characters");
        }
        String password = generated ? randomPassword() : given;
        em.persist(new Technician(LOGIN, "Administrator",
                new PasswordHasher(settings.passwordIterations()).hash(password.toCharArray()),
                EnumSet.allOf(Role.class), Instant.now()));
        log.append(Event.of(EventType.ADMIN_CREATED, Event.SYSTEM)
                .detail(generated ? "generated password" : "password from DESKSIDE_ADMIN_PASSWORD"));
        if (generated) {
            Path file = writeOwnerOnly(settings.dataDir().resolve(PASSWORD_FILE), password);
            LOG.warning(() -> "Created the first account '" + LOGIN + "'. Its generated password is in " + file
                    + " (readable by the server's user only): sign in, change it, and delete that file.");
        } else {
            LOG.info(() -> "Created the first account '" + LOGIN + "' with the password from DESKSIDE_ADMIN_PASSWORD.");
        }
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static Path writeOwnerOnly(Path file, String content) {
        try {
            return OwnerOnlyFiles.replace(file, content + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first administrator's password to " + file, e);
        }
    }
}
