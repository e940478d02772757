package dev.weft.weaveutil.cli;

import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.plumbing.PlumbingException;
import dev.weft.weaveutil.ns.NoSuchNamespaceException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the command line names a container's network namespace: a PID, an absolute path (such as
 * {@code /proc/PID/ns/net} or {@code /run/netns/NAME}), or the name of an {@code ip netns}
 * namespace. Docker container IDs are resolved to PIDs by the callers, not here.
 */
record NamespaceId(String text, Integer pid, Path path) {

    static NamespaceId parse(String text) {
        if (text.isEmpty()) {
            throw new UsageException("empty container id");
        }
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return new NamespaceId(text, Integer.parseInt(text), Path.of("/proc", text, "ns", "net"));
            } catch (NumberFormatException e) {
                throw new UsageException("invalid process id: " + text);
            }
        }
        if (text.startsWith("/")) {
            return new NamespaceId(text, null, Path.of(text));
        }
        if (text.contains("/")) {
            throw new UsageException("invalid container id: " + text + " (a PID, an absolute path or a netns name)");
        }
        return new NamespaceId(text, null, Path.of("/run/netns", text));
    }

    /** Opens the namespace; a missing one is reported as a dead container. */
    NetNs open() {
        try {
            return NetNs.ofPath(path);
        } catch (NoSuchNamespaceException e) {
            throw new PlumbingException("container " + text + " died (no network namespace at " + path + ")");
        }
    }

    boolean exists() {
        return Files.exists(path);
    }

    /**
     * The id used in the host-side veth name: the PID, or for other namespaces the last digits of
     * the namespace's inode number, which no two live namespaces share.
     */
    String vethId(NetNs ns) {
        if (pid != null) {
            return text;
        }
        String id = ns.id().replaceAll("[^0-9]", "");
        return id.length() > 7 ? id.substring(id.length() - 7) : id;
    }
}
