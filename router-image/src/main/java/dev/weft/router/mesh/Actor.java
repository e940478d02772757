package dev.weft.router.mesh;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * One thread of control (weaveworks/mesh's actor goroutine): tasks run one at a time, in order, so
 * the state an actor owns needs no locks. Production actors are threads; the simulator runs every
 * actor of many routers on one thread in virtual time.
 */
public interface Actor extends Executor {

    /** Runs {@code task} on this actor after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet can be cancelled; cancelling later is harmless. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();

        Cancellable NONE = () -> { };
    }
}
