package io.deskside.protocol.desktop;

import io.deskside.protocol.desktop.DesktopMessage.PermissionRefused;
import io.deskside.protocol.wire.Message.Permission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Tells the Guest what the Host dropped for want of a permission, without a notice per
 * message: a view-only session whose Guest still moves the mouse would otherwise answer every
 * pointer move with a notice. Per type, the first drop is reported at once; drops in the
 * {@link #INTERVAL} after a notice are counted, and reported together once it has passed, by
 * the next drop or by {@link #due()} (which the Host calls on a timer, so a burst that stops
 * is still reported). Pure: time comes from the clock it is given.
 *
 * <p>Thread-safe: the Host hands INPUT and CONTROL to executors of their own, and both drop.
 */
public final class RefusalNotices {

    /** At most one notice per type in this long. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final long INTERVAL_NANOS = INTERVAL.toNanos();
    private static final long MAX_COUNT = 0xFFFF_FFFFL;

    private final LongSupplier nanoClock;
    private final Map<DesktopType, Pending> byType = new EnumMap<>(DesktopType.class);

    /** What was dropped of one type since its last notice. */
    private static final class Pending {
        final long lastNoticeNanos;
        final Permission permission;
        final long count;

        Pending(long lastNoticeNanos, Permission permission, long count) {
            this.lastNoticeNanos = lastNoticeNanos;
            this.permission = permission;
            this.count = count;
        }
    }

    /** @param nanoClock a monotonic clock in nanoseconds, as {@code System::nanoTime} */
    public RefusalNotices(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    public RefusalNotices() {
        this(System::nanoTime);
    }

    /**
     * The Host dropped one message of {@code type} for want of {@code permission}: the notice
     * to send now, or empty if one went out less than {@link #INTERVAL} ago (this drop is then
     * counted into the next).
     */
    public synchronized Optional<PermissionRefused> dropped(DesktopType type, Permission permission) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(permission, "permission");
        long now = nanoClock.getAsLong();
        Pending p = byType.get(type);
        long count = p == null ? 1 : Math.min(p.count + 1, MAX_COUNT);
        if (p != null && now - p.lastNoticeNanos < INTERVAL_NANOS) {
            byType.put(type, new Pending(p.lastNoticeNanos, permission, count));
            return Optional.empty();
        }
        byType.put(type, new Pending(now, permission, 0));
        return Optional.of(new PermissionRefused(type, permission, count));
    }

    /** The notices for drops counted in intervals that have now passed, one per type. */
    public synchronized List<PermissionRefused> due() {
        long now = nanoClock.getAsLong();
        List<PermissionRefused> notices = new ArrayList<>();
        for (Map.Entry<DesktopType, Pending> e : byType.entrySet()) {
            Pending p = e.getValue();
            if (p.count > 0 && now - p.lastNoticeNanos >= INTERVAL_NANOS) {
                notices.add(new PermissionRefused(e.getKey(), p.permission, p.count));
                e.setValue(new Pending(now, p.permission, 0));
            }
        }
        return notices;
    }
}
