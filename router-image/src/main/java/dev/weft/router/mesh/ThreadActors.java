package dev.weft.router.mesh;

import dev.weft.router.concurrent.DaemonThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Production actors: each on its own daemon thread. A task that throws is logged and the actor goes on. */
public final class ThreadActors implements Actors {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadActors.class);

    private final List<ThreadActor> actors = new CopyOnWriteArrayList<>();

    @Override
    public Actor create(String name) {
        ThreadActor actor = new ThreadActor(name);
        actors.add(actor);
        return actor;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    /** Waits until no actor has a task ready to run (scheduled ones not yet due do not count). For tests. */
    public void awaitIdle(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        int quietRounds = 0;
        while (quietRounds < 3) {
            boolean busy = actors.stream().anyMatch(a -> a.busy.get() > 0);
            quietRounds = busy ? 0 : quietRounds + 1;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("mesh actors still busy after " + patience);
            }
            Thread.sleep(busy ? 2 : 5);
        }
    }

    @Override
    public void close() {
        actors.forEach(a -> a.executor.shutdownNow());
    }

    private static final class ThreadActor implements Actor {
        private final ScheduledThreadPoolExecutor executor;
        private final AtomicInteger busy = new AtomicInteger();

        ThreadActor(String name) {
            executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named(name));
            executor.setRemoveOnCancelPolicy(true);
        }

        @Override
        public void execute(Runnable task) {
            busy.incrementAndGet();
            try {
                executor.execute(() -> run(task));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                busy.decrementAndGet(); // closed: the task is dropped, as the actor is gone
            }
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            try {
                ScheduledFuture<?> future = executor.schedule(() -> {
                    busy.incrementAndGet();
                    run(task);
                }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return Cancellable.NONE;
            }
        }

        private void run(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("mesh task failed on {}", Thread.currentThread().getName(), e);
            } finally {
                busy.decrementAndGet();
            }
        }
    }
}
