package dev.weft.weaveutil.sysctl;

import dev.weft.weaveutil.ns.NetNs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Kernel parameters under /proc/sys. Entries under {@code net/} belong to the network namespace
 * of the thread that opens them, so writes for another namespace run inside it.
 */
public final class Sysctl {
    private static final Path ROOT = Path.of("/proc/sys");

    private Sysctl() {
    }

    /** {@code sysctl -w KEY=VALUE} in the calling thread's namespace; key like {@code net/ipv4/conf/weave/arp_notify}. */
    public static void write(String key, String value) {
        Path file = pathOf(key);
        try {
            Files.writeString(file, value);
        } catch (NoSuchFileException e) {
            throw new SysctlException("sysctl " + key + "=" + value + ": no such setting");
        } catch (IOException e) {
            throw new SysctlException("sysctl " + key + "=" + value + ": " + e.getMessage());
        }
    }

    /** {@code ip netns exec NS sysctl -w KEY=VALUE}. */
    public static void write(NetNs ns, String key, String value) {
        pathOf(key);
        ns.run(() -> write(key, value));
    }

    /** {@code sysctl -n KEY} in the calling thread's namespace. */
    public static String read(String key) {
        try {
            return Files.readString(pathOf(key)).trim();
        } catch (NoSuchFileException e) {
            throw new SysctlException("sysctl " + key + ": no such setting");
        } catch (IOException e) {
            throw new SysctlException("sysctl " + key + ": " + e.getMessage());
        }
    }

    public static String read(NetNs ns, String key) {
        try {
            return ns.call(() -> read(key));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SysctlException("sysctl " + key + ": " + e.getMessage());
        }
    }

    static Path pathOf(String key) {
        String relative = key.startsWith("/proc/sys/") ? key.substring("/proc/sys/".length()) : key;
        if (relative.isEmpty() || relative.startsWith("/") || relative.contains("..")) {
            throw new IllegalArgumentException("invalid sysctl key: " + key);
        }
        return ROOT.resolve(relative);
    }

    /** A sysctl could not be read or written. */
    public static final class SysctlException extends RuntimeException {
        public SysctlException(String message) {
            super(message);
        }
    }
}
