package dev.weft.router.status;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Whether the daemon has finished starting; {@code /status} answers 503 with the reason until then. */
public final class Readiness {

    private final CountDownLatch readyLatch = new CountDownLatch(1);
    private volatile String notReadyReason = "starting";

    public boolean isReady() {
        return notReadyReason == null;
    }

    /** Why the daemon is not ready yet, or null once ready. */
    public String reason() {
        return notReadyReason;
    }

    public void waitingFor(String reason) {
        this.notReadyReason = reason;
    }

    public void ready() {
        this.notReadyReason = null;
        readyLatch.countDown();
    }

    /** Waits until {@link #ready()} or the timeout; true when ready. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return readyLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
