package dev.weft.router.concurrent;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for work the start left running on another thread: its own failure, or a bounded wait. */
public final class StartupWaits {

    private StartupWaits() {
    }

    /**
     * @return the work's result
     * @throws Exception what the work threw, as it threw it; an {@link IllegalStateException} saying
     *                   {@code whenLate} when it has not finished within {@code patience}
     */
    public static <T> T await(Future<T> work, Duration patience, String whenLate) throws Exception {
        try {
            return work.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new IllegalStateException(whenLate);
        }
    }
}
