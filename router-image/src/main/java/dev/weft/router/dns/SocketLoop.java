package dev.weft.router.dns;

import dev.weft.router.api.BackgroundFailures;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one socket operation (a receive, an accept) over and over until closed. After an error the
 * loop pauses, 10 ms doubling up to 1 s while errors go on and none after a success, so a socket
 * that keeps failing (no buffers, no file descriptors) cannot spin a CPU. The first error of a
 * streak is logged; every error is counted as {@value BackgroundFailures#DNS_SOCKET}.
 */
final class SocketLoop {
    static final long FIRST_PAUSE_MILLIS = 10;
    static final long MAX_PAUSE_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(SocketLoop.class);

    @FunctionalInterface
    interface Step {
        void run() throws IOException;
    }

    private final String what;
    private final BooleanSupplier closed;
    private final BackgroundFailures failures;

    SocketLoop(String what, BooleanSupplier closed, BackgroundFailures failures) {
        this.what = what;
        this.closed = closed;
        this.failures = failures;
    }

    /** Returns when closed, or when the thread is interrupted during a pause. */
    void run(Step step) {
        long pause = 0;
        while (!closed.getAsBoolean()) {
            try {
                step.run();
                pause = 0;
            } catch (IOException | RuntimeException e) {
                if (closed.getAsBoolean()) {
                    return;
                }
                if (pause == 0) {
                    failures.record(BackgroundFailures.DNS_SOCKET, LOG, what + " (pausing before each retry while it fails)", e);
                } else {
                    failures.recordRepeat(BackgroundFailures.DNS_SOCKET);
                }
                pause = pause == 0 ? FIRST_PAUSE_MILLIS : Math.min(pause * 2, MAX_PAUSE_MILLIS);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
