package dev.weft.weaveutil.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Guards for tests that need root and iproute2. */
public final class Privileged {
    private Privileged() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Skips the calling test, with the reason, unless running as root with {@code ip} installed. */
    public static void assumeRootWithIproute2() {
        assumeTrue(isRoot(), "skipped: needs root to create network namespaces (run the tests as root, as CI does)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "skipped: needs iproute2's `ip` to check results independently");
    }
}
