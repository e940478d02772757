package dev.weft.router.mesh;

import java.time.Instant;

/** Where the mesh gets its actors and its sense of time (real threads, or the simulator's virtual clock). */
public interface Actors extends AutoCloseable {

    /** A new actor; {@code name} names its thread. */
    Actor create(String name);

    /** Monotonic time for timeouts and back-off. */
    long nanoTime();

    /** Wall-clock time, for what the status shows (e.g. when a failed connection is retried). */
    Instant now();

    @Override
    void close();
}
