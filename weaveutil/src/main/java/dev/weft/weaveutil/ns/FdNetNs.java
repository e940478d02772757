package dev.weft.weaveutil.ns;

import dev.weft.weaveutil.jna.FileDescriptors;
import dev.weft.weaveutil.jna.Namespaces;
import dev.weft.weaveutil.jna.NativeCallException;
import dev.weft.weaveutil.nl.Errno;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** A namespace held by an open file descriptor. */
final class FdNetNs implements NetNs {
    private static final Path THREAD_NET = Path.of("/proc/thread-self/ns/net");

    private final Path path;
    private final int fd;
    private volatile boolean closed;

    private FdNetNs(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    static FdNetNs open(Path path) {
        try {
            return new FdNetNs(path, FileDescriptors.openReadOnly(path.toString()));
        } catch (NativeCallException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new NoSuchNamespaceException(path);
            }
            throw e;
        }
    }

    @Override
    public <T> T call(Callable<T> work) throws Exception {
        ensureOpen();
        FutureTask<T> task = new FutureTask<>(() -> callInside(work));
        Thread thread = new Thread(task, "netns " + path);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Runs on the dedicated thread: enter, work, and always switch back, verifying the switch. */
    private <T> T callInside(Callable<T> work) throws Exception {
        String original = readIdentity(THREAD_NET);
        int originalFd = FileDescriptors.openReadOnly(THREAD_NET.toString());
        try {
            Namespaces.enterNetwork(fd, path.toString());
            Throwable failure = null;
            try {
                return work.call();
            } catch (Throwable t) {
                failure = t;
                throw t;
            } finally {
                try {
                    Namespaces.enterNetwork(originalFd, "back to " + original);
                    String now = readIdentity(THREAD_NET);
                    if (!now.equals(original)) {
                        throw new IllegalStateException("thread left in " + now + " instead of " + original);
                    }
                } catch (RuntimeException restoreFailure) {
                    // The thread ends right after this call, so it can never run other work in
                    // the wrong namespace; still report it.
                    if (failure != null) {
                        failure.addSuppressed(restoreFailure);
                    } else {
                        throw restoreFailure;
                    }
                }
            }
        } finally {
            FileDescriptors.close(originalFd);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int fd() {
        ensureOpen();
        return fd;
    }

    @Override
    public String id() {
        ensureOpen();
        return readIdentity(Path.of("/proc/self/fd", Integer.toString(fd)));
    }

    /** {@code net:[INODE]}, from the inode of the namespace file the link leads to. */
    private static String readIdentity(Path link) {
        try {
            return "net:[" + Files.getAttribute(link, "unix:ino") + "]";
        } catch (IOException e) {
            throw new UncheckedIOException("read namespace identity " + link, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("namespace handle closed: " + path);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            FileDescriptors.close(fd);
        }
    }

    @Override
    public String toString() {
        return "netns " + path;
    }
}
