package dev.weft.router.ipam;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A request that may have to wait (for the ring, or for free space). {@link #await()} blocks until it
 * is answered; {@link #cancel()} ends the wait (the HTTP layer calls it when the client goes away, and
 * {@code await} cancels by itself when its thread is interrupted).
 */
public final class IpamRequest<T> {
    private final CompletableFuture<T> result;
    private final Consumer<CompletableFuture<?>> canceller;

    IpamRequest(CompletableFuture<T> result, Consumer<CompletableFuture<?>> canceller) {
        this.result = result;
        this.canceller = canceller;
    }

    public CompletableFuture<T> result() {
        return result;
    }

    public boolean isDone() {
        return result.isDone();
    }

    public void cancel() {
        if (!result.isDone()) {
            canceller.accept(result);
        }
    }

    /**
     * Waits for the answer. Throws {@link RequestCancelledException} when cancelled (owner died, caller
     * gone, interrupted) and {@link IpamException} when refused.
     */
    public T await() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            throw new RequestCancelledException("request cancelled");
        } catch (CancellationException e) {
            throw new RequestCancelledException("request cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IpamException(String.valueOf(e.getCause()));
        }
    }
}
