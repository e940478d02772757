package dev.weft.router.proxy;

import java.util.concurrent.TimeUnit;

/**
 * Paces reading of one direction of a bulk body ({@code docker cp}, {@code save}, a build context).
 * A Docker engine or client writes such a body in small pieces (Go's 32 KiB copy buffer), and a
 * relay that reads each piece as it lands wakes up, reads and writes once per piece: on a small VM
 * those wake-ups, not the copying, are what the proxy costs. Once a body has passed
 * {@link #BULK_AFTER} bytes, a read batch that came back short pauses reading for {@link #PAUSE_NANOS}
 * so that the sender's next pieces gather in the socket buffer and arrive in one read. Short bodies,
 * and the first megabyte of every body, are never delayed; interactive streams are hijacked and never
 * paced.
 */
final class ReadPacer {
    static final long BULK_AFTER = 1 << 20;
    static final int FULL_BATCH = 128 << 10;
    static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(Long.getLong("weft.proxy.pauseMicros", 150));

    private long body;
    private int batch;
    private boolean paused;

    /** Bytes of the current body have been read. */
    void read(int bytes) {
        body += bytes;
        batch += bytes;
    }

    /** At the end of a read batch: true if reading should pause now (then {@link #resumed()} when it ends). */
    boolean endBatch() {
        boolean pause = PAUSE_NANOS > 0 && !paused && body >= BULK_AFTER && batch > 0 && batch < FULL_BATCH;
        batch = 0;
        paused |= pause;
        return pause;
    }

    boolean paused() {
        return paused;
    }

    void resumed() {
        paused = false;
    }

    /** A new body begins. */
    void reset() {
        body = 0;
        batch = 0;
    }
}
