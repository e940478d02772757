package dev.weft.router.mesh.sim;

import dev.weft.router.mesh.Actor;
import dev.weft.router.mesh.Actors;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for simulated meshes: every actor of every simulated router runs on the calling
 * thread, one event at a time, in (time, arrival) order. Runs are deterministic for a given seed,
 * and an hour of mesh life takes as long as its events take to run.
 */
public final class SimClock implements Actors {

    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private record Event(long at, long seq, Runnable task, boolean[] cancelled) {}

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;
    private long eventsRun;

    @Override
    public Actor create(String name) {
        return new Actor() {
            @Override
            public void execute(Runnable task) {
                enqueue(0, task);
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                boolean[] cancelled = enqueue(Math.max(0, delay.toNanos()), task);
                return () -> cancelled[0] = true;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private boolean[] enqueue(long delayNanos, Runnable task) {
        boolean[] cancelled = new boolean[1];
        queue.add(new Event(now + delayNanos, seq++, task, cancelled));
        return cancelled;
    }

    /** Runs {@code task} at virtual time now + {@code delay}. */
    public void at(Duration delay, Runnable task) {
        enqueue(delay.toNanos(), task);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Instant now() {
        return EPOCH.plusNanos(now);
    }

    public Duration elapsed() {
        return Duration.ofNanos(now);
    }

    public long eventsRun() {
        return eventsRun;
    }

    /** Runs every event due within {@code duration}; the clock then stands at now + duration. */
    public void runFor(Duration duration) {
        long until = now + duration.toNanos();
        while (!queue.isEmpty() && queue.peek().at <= until) {
            step();
        }
        now = until;
    }

    /**
     * Runs events until {@code done} holds (checked after each event) or {@code patience} of virtual
     * time has passed; returns whether it held.
     */
    public boolean runUntil(BooleanSupplier done, Duration patience) {
        long until = now + patience.toNanos();
        if (done.getAsBoolean()) {
            return true;
        }
        while (!queue.isEmpty() && queue.peek().at <= until) {
            step();
            if (done.getAsBoolean()) {
                return true;
            }
        }
        now = Math.max(now, until);
        return done.getAsBoolean();
    }

    /** As {@link #runUntil(BooleanSupplier, Duration)}, checking {@code done} only every {@code every} of virtual time. */
    public boolean runUntil(BooleanSupplier done, Duration patience, Duration every) {
        long until = now + patience.toNanos();
        while (!done.getAsBoolean()) {
            if (now >= until) {
                return false;
            }
            runFor(Duration.ofNanos(Math.min(every.toNanos(), until - now)));
        }
        return true;
    }

    private void step() {
        Event e = queue.poll();
        now = Math.max(now, e.at);
        if (!e.cancelled[0]) {
            eventsRun++;
            e.task.run();
        }
    }

    @Override
    public void close() {
        queue.clear();
    }
}
