package dev.weft.weaveutil.ns;

import dev.weft.weaveutil.jna.Namespaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Named namespaces under /run/netns, made and removed the way {@code ip netns} does it. */
final class NamedNetNs {
    static final Path DIRECTORY = Path.of("/run/netns");

    private NamedNetNs() {
    }

    static Path pathOf(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid network namespace name: " + name);
        }
        return DIRECTORY.resolve(name);
    }

    static NetNs create(String name) {
        Path target = pathOf(name);
        try {
            Files.createDirectories(DIRECTORY);
            Files.createFile(target);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("network namespace already exists: " + name);
        } catch (IOException e) {
            throw new UncheckedIOException("create " + target, e);
        }
        try {
            runOnFreshThread(() -> {
                Namespaces.unshareNetwork();
                Namespaces.bindMount("/proc/thread-self/ns/net", target.toString());
            });
            return NetNs.ofPath(target);
        } catch (RuntimeException e) {
            Namespaces.unmount(target.toString());
            deleteQuietly(target);
            throw e;
        }
    }

    static boolean delete(String name) {
        Path target = pathOf(name);
        if (!Files.exists(target)) {
            return false;
        }
        Namespaces.unmount(target.toString());
        deleteQuietly(target);
        return true;
    }

    /** The thread that unshares ends with its job, so no other work runs in the new namespace by accident. */
    private static void runOnFreshThread(Runnable job) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread thread = new Thread(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "netns create");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a network namespace", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: an unmounted empty file left in /run/netns is harmless
        }
    }
}
