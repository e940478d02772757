package dev.weft.weaveutil.ns;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * An open handle on a network namespace. While open it keeps the namespace alive, even if its
 * process exits or its name is removed. See the package documentation for why work "inside" a
 * namespace runs on its own thread.
 */
public interface NetNs extends AutoCloseable {

    /** The namespace of process {@code pid} ({@code /proc/PID/ns/net}). */
    static NetNs ofPid(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("invalid process id: " + pid);
        }
        return FdNetNs.open(Path.of("/proc", Integer.toString(pid), "ns", "net"));
    }

    /** A namespace named by {@code ip netns add NAME} ({@code /run/netns/NAME}). */
    static NetNs named(String name) {
        return FdNetNs.open(NamedNetNs.pathOf(name));
    }

    /** The calling thread's namespace. */
    static NetNs current() {
        return FdNetNs.open(Path.of("/proc/thread-self/ns/net"));
    }

    static NetNs ofPath(Path path) {
        return FdNetNs.open(path);
    }

    /** {@code ip netns add NAME}: a fresh namespace pinned at {@code /run/netns/NAME}, returned open. */
    static NetNs create(String name) {
        return NamedNetNs.create(name);
    }

    /** {@code ip netns delete NAME}; false if there was no such name. */
    static boolean delete(String name) {
        return NamedNetNs.delete(name);
    }

    /**
     * Runs {@code work} on a new platform thread that has entered this namespace, and returns its
     * result or rethrows its exception. The thread switches back before it ends; sockets opened by
     * {@code work} stay bound to this namespace. Processes started by {@code work} start in it.
     */
    <T> T call(Callable<T> work) throws Exception;

    /** Like {@link #call} for work without a result; checked exceptions are wrapped. */
    default void run(Runnable work) {
        try {
            call(() -> {
                work.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The path the handle was opened from. */
    Path path();

    /** The open file descriptor, for netlink attributes such as IFLA_NET_NS_FD. */
    int fd();

    /** The kernel's identity of the namespace, e.g. {@code net:[4026531840]}; equal ids = same namespace. */
    String id();

    @Override
    void close();
}
