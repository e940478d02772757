package dev.weft.router.dataplane.sleeve;

import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * What a packet loop does with an unexpected failure: counts it and logs at most one line per
 * ten seconds (with how many were not logged), so a bad frame never stops the loop or floods the log.
 */
final class LoopFailures {
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private final Logger log;
    private final String loop;
    private final LongAdder count = new LongAdder();
    private long lastLogged;
    private long unlogged;

    LoopFailures(Logger log, String loop) {
        this.log = log;
        this.loop = loop;
    }

    void failed(RuntimeException e) {
        count.increment();
        long now = System.nanoTime();
        if (lastLogged == 0 || now - lastLogged > LOG_EVERY_NANOS) {
            log.warn("{}: {} (and {} more since the last report); the loop goes on", loop, e.toString(), unlogged, e);
            lastLogged = now;
            unlogged = 0;
        } else {
            unlogged++;
        }
    }

    long count() {
        return count.sum();
    }
}
