package dev.weft.router.daemon;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;

/** What was started, closed last-in first-out; a failure to close one is logged and the rest still close. */
final class CloseStack implements AutoCloseable {
    private final Deque<AutoCloseable> items = new ArrayDeque<>();
    private final Logger log;

    /** @param log where failures are reported, the owner's logger */
    CloseStack(Logger log) {
        this.log = log;
    }

    void push(AutoCloseable item) {
        items.push(item);
    }

    @Override
    public void close() {
        while (!items.isEmpty()) {
            AutoCloseable item = items.pop();
            try {
                item.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", item.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
