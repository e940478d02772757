package dev.weft.weaveutil.jna;

import java.util.Optional;

/**
 * Whether the native calls can work here: Linux, and libc reachable through JNA. Checked once; the
 * cause is kept so the CLI can say plainly why it cannot run.
 */
public final class NativeSupport {
    private static final Throwable UNAVAILABILITY_CAUSE = probe();

    private NativeSupport() {
    }

    private static Throwable probe() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return new UnsupportedOperationException("weaveutil needs Linux (this is " + System.getProperty("os.name") + ")");
        }
        try {
            int fd = LibC.open("/proc/self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
            if (fd >= 0) {
                LibC.close(fd);
            }
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    public static boolean isAvailable() {
        return UNAVAILABILITY_CAUSE == null;
    }

    public static Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(UNAVAILABILITY_CAUSE);
    }

    /** Throws, with the original cause, when native support is missing. */
    public static void ensureAvailable() {
        if (UNAVAILABILITY_CAUSE != null) {
            throw new IllegalStateException("native support unavailable: " + UNAVAILABILITY_CAUSE.getMessage(),
                    UNAVAILABILITY_CAUSE);
        }
    }
}
