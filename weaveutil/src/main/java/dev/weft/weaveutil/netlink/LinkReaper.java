package dev.weft.weaveutil.netlink;

import dev.weft.weaveutil.ns.NetNs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Deletes links of one namespace in the background and in batches. The kernel answers a link
 * deletion only after an RCU grace period (about 20 ms here), whatever the number of links deleted
 * by the request, so one request per batch pays that wait once for all of them.
 *
 * <p>{@link #retire} takes a link out of service at once (down, off its bridge, into
 * {@link #GROUP}) and returns; a daemon thread then deletes the whole group with one request.
 * Links retired while a batch is being deleted make up the next batch. {@link #awaitGone} and
 * {@link #flush} wait for deletions; {@link #close} flushes. A failed deletion is reported to the
 * {@link #onFailure} listener when it happens, and rethrown by the next {@link #flush}.
 */
public final class LinkReaper implements AutoCloseable {
    /** The device group of links waiting to be deleted: "weft" in ASCII. */
    public static final int GROUP = 0x77656674;

    /** The kernel requests the reaper makes; {@link NetlinkKernel} in production. */
    public interface Kernel extends AutoCloseable {
        /** Down, no master, into {@code group}; called on the retiring thread. */
        void retire(int index, int group);

        /** Deletes every link in {@code group}; false if it had none. Called on the reaper thread. */
        boolean deleteGroup(int group);

        /** Deletes one link; false if it was gone. Called on the reaper thread. */
        boolean delete(int index);

        @Override
        void close();
    }

    private record Retired(long sequence, int index, String name) {
    }

    private final Kernel kernel;
    private final String threadName;
    private final Object lock = new Object();
    private final List<Retired> pending = new ArrayList<>();
    private long retiredCount;
    private long reapedCount;
    private RuntimeException failure;
    private Thread thread;
    private boolean closing;
    private volatile Consumer<RuntimeException> failureListener = e -> { };

    LinkReaper(Kernel kernel, String threadName) {
        this.kernel = kernel;
        this.threadName = threadName;
    }

    /** Tells {@code listener} of each failed deletion, on the reaper's thread, as it happens. */
    public void onFailure(Consumer<RuntimeException> listener) {
        this.failureListener = listener;
    }

    /** A reaper for the links of {@code ns}, with its own netlink sockets there. */
    public static LinkReaper open(NetNs ns) {
        return new LinkReaper(NetlinkKernel.open(ns), "link-reaper " + ns.path());
    }

    /**
     * Takes the link out of service now and has it deleted soon. {@code name} is what
     * {@link #awaitGone} is later asked about.
     */
    public void retire(int index, String name) {
        synchronized (lock) {
            if (closing) {
                throw new IllegalStateException("link reaper is closed; cannot retire " + name);
            }
        }
        kernel.retire(index, GROUP);
        synchronized (lock) {
            pending.add(new Retired(++retiredCount, index, name));
            if (thread == null) {
                thread = new Thread(this::reapUntilClosed, threadName);
                thread.setDaemon(true);
                thread.start();
            }
            lock.notifyAll();
        }
    }

    /** Whether a link of this name was retired and is maybe not deleted yet. */
    public boolean isPending(String name) {
        synchronized (lock) {
            return pending.stream().anyMatch(r -> r.name().equals(name));
        }
    }

    /** Returns once every link retired under {@code name} so far is deleted. */
    public void awaitGone(String name) {
        synchronized (lock) {
            long last = pending.stream().filter(r -> r.name().equals(name))
                    .mapToLong(Retired::sequence).max().orElse(0);
            awaitReaped(last, name);
        }
    }

    /** Returns once every link retired so far is deleted; rethrows a deletion failure seen meanwhile. */
    public void flush() {
        synchronized (lock) {
            awaitReaped(retiredCount, "all retired links");
            RuntimeException seen = failure;
            failure = null;
            if (seen != null) {
                throw seen;
            }
        }
    }

    private void awaitReaped(long sequence, String what) {
        while (reapedCount < sequence) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the deletion of " + what, e);
            }
        }
    }

    private void reapUntilClosed() {
        while (true) {
            List<Retired> batch;
            synchronized (lock) {
                while (pending.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                batch = List.copyOf(pending);
            }
            RuntimeException error = deleteBatch(batch);
            if (error != null) {
                try {
                    failureListener.accept(error);
                } catch (RuntimeException listenerFailure) {
                    error.addSuppressed(listenerFailure);
                }
            }
            synchronized (lock) {
                pending.removeAll(batch);
                reapedCount = batch.get(batch.size() - 1).sequence();
                if (error != null) {
                    failure = error;
                }
                lock.notifyAll();
            }
        }
    }

    /** One group deletion; if the kernel refuses it, the links one by one. */
    private RuntimeException deleteBatch(List<Retired> batch) {
        try {
            kernel.deleteGroup(GROUP);
            return null;
        } catch (RuntimeException groupFailure) {
            for (Retired retired : batch) {
                try {
                    kernel.delete(retired.index());
                } catch (RuntimeException e) {
                    groupFailure.addSuppressed(e);
                    return groupFailure;
                }
            }
            return null;
        }
    }

    /** Deletes what is retired, stops the thread and closes the sockets. */
    @Override
    public void close() {
        Thread running;
        try {
            flush();
        } finally {
            synchronized (lock) {
                closing = true;
                running = thread;
                lock.notifyAll();
            }
            if (running != null) {
                try {
                    running.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            kernel.close();
        }
    }

    /** {@link Kernel} on rtnetlink: one socket for retiring, one for the reaper thread's deletions. */
    static final class NetlinkKernel implements Kernel {
        private final Netlink retiring;
        private final Netlink deleting;

        private NetlinkKernel(Netlink retiring, Netlink deleting) {
            this.retiring = retiring;
            this.deleting = deleting;
        }

        static NetlinkKernel open(NetNs ns) {
            Netlink retiring = Netlink.open(ns);
            try {
                return new NetlinkKernel(retiring, Netlink.open(ns));
            } catch (RuntimeException e) {
                retiring.close();
                throw e;
            }
        }

        @Override
        public void retire(int index, int group) {
            retiring.links().retire(index, group);
        }

        @Override
        public boolean deleteGroup(int group) {
            return deleting.links().deleteGroup(group);
        }

        @Override
        public boolean delete(int index) {
            return deleting.links().deleteIfExists(index);
        }

        @Override
        public void close() {
            retiring.close();
            deleting.close();
        }
    }
}
