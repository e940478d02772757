package dev.weft.router.concurrent;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The router's background threads: daemon threads (they never keep a stopping router alive), named for logs. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Every thread named {@code name}: for single-thread executors. */
    public static ThreadFactory named(String name) {
        return task -> daemon(task, name);
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}...: for pools. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> daemon(task, prefix + "-" + count.incrementAndGet());
    }

    /** Runs each task on a new thread named {@code name}: for one-off work in the background. */
    public static Executor startingEach(String name) {
        return task -> daemon(task, name).start();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
