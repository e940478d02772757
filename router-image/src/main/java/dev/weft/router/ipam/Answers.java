package dev.weft.router.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Replies held back until the state they report is on disk. */
final class Answers {
    private final List<Answer> queued = new ArrayList<>();

    <T> void answer(CompletableFuture<T> future, T value) {
        queued.add(new Answer(future, value, null));
    }

    void fail(CompletableFuture<?> future, RuntimeException error) {
        queued.add(new Answer(future, null, error));
    }

    /** Sends every held reply. */
    void deliver() {
        List<Answer> ready = take();
        ready.forEach(Answer::deliver);
    }

    /** Replaces every held reply by {@code error}: what they would report was not saved. */
    void failAll(RuntimeException error) {
        take().forEach(a -> a.future().completeExceptionally(error));
    }

    private List<Answer> take() {
        List<Answer> ready = new ArrayList<>(queued);
        queued.clear();
        return ready;
    }

    private record Answer(CompletableFuture<?> future, Object value, Throwable error) {
        @SuppressWarnings("unchecked")
        void deliver() {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                ((CompletableFuture<Object>) future).complete(value);
            }
        }
    }
}
