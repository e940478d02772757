package dev.weft.weaveutil.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Guards for tests that need root and iproute2. */
public final class Privileged {
    private Privileged() {
    }

    /** Effective uid 0, read from /proc/self/status (the user name can be anything). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }

    /** Skips the calling test, with the reason, unless running as root with {@code ip} installed. */
    public static void assumeRootWithIproute2() {
        assumeTrue(isRoot(), "skipped: needs root to create network namespaces (run the tests as root, as CI does)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "skipped: needs iproute2's `ip` to check results independently");
    }
}
