package io.deskside.host;

/**
 * Marks the moments the start-up and session timings are measured between (host-plan §7.1), as
 * lines {@code deskside-timing <event> <epoch ms>} on standard error, only when the Host runs
 * with {@code -Ddeskside.host.timing=true} (the benchmark harness does; an end user never sees
 * them). Wall-clock milliseconds, so that another process on the same machine can compare.
 */
public final class Timing {

    public static final String PROPERTY = "deskside.host.timing";
    private static final boolean ON = Boolean.getBoolean(PROPERTY);

    private Timing() {
    }

    /** {@code shown}: the first window is on the screen; {@code connect}, {@code waiting}, {@code allowed}. */
    public static void mark(String event) {
        if (ON) {
            System.err.println("deskside-timing " + event + " " + System.currentTimeMillis());
        }
    }
}
