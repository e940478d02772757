package dev.weft.weaveutil.jna;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes file descriptors on a thread of its own, for those whose close blocks for no reason the caller
 * needs to wait for: closing a packet socket waits for an RCU grace period (the kernel's packet_release
 * calls synchronize_net), 10-12 ms that fell on every attach. The thread ends when idle for 10 s.
 */
final class DeferredClose {
    private static final ThreadPoolExecutor CLOSER = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "deferred-close");
                thread.setDaemon(true);
                return thread;
            });

    private DeferredClose() {
    }

    static void close(int fd) {
        try {
            CLOSER.execute(() -> LibC.close(fd));
        } catch (RejectedExecutionException e) {
            LibC.close(fd);
        }
    }
}
