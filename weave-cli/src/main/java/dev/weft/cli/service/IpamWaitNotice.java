package dev.weft.cli.service;

import dev.weft.cli.api.ApiClient;
import dev.weft.cli.api.WeaveApi.Listener;
import dev.weft.cli.api.ApiResponse;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * While a router call may wait for an IP address, says once on stderr what IPAM waits for (consensus,
 * space held by other peers...), as the router's {@value #PATH} tells it, when the call is still
 * waiting after {@link #DEFAULT_DELAY_MILLIS} ms. The call itself keeps waiting, as Weave Net's did.
 */
public final class IpamWaitNotice implements AutoCloseable {
    public static final String PATH = "/weft/ipam/waiting";
    public static final long DEFAULT_DELAY_MILLIS = 2_000;

    private final Thread watcher;

    private IpamWaitNotice(ApiClient router, PrintWriter err, long delayMillis) {
        watcher = new Thread(() -> watch(router, err, delayMillis), "ipam-wait-notice");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Starts watching; close it when the call returns. */
    public static IpamWaitNotice start(ApiClient router, PrintWriter err) {
        return new IpamWaitNotice(router, err, DEFAULT_DELAY_MILLIS);
    }

    static IpamWaitNotice start(ApiClient router, PrintWriter err, long delayMillis) {
        return new IpamWaitNotice(router, err, delayMillis);
    }

    private static void watch(ApiClient router, PrintWriter err, long delayMillis) {
        try {
            while (true) {
                Thread.sleep(delayMillis);
                Optional<ApiResponse> answer = router.tryGet(Listener.CONTROL, PATH, null);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                String reason = answer.filter(ApiResponse::ok).map(r -> r.body().strip()).orElse("");
                if (!reason.isEmpty()) {
                    synchronized (err) {
                        err.println(reason);
                        err.flush();
                    }
                    return;
                }
                if (answer.isEmpty() || !answer.get().ok()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // the call returned: nothing to say
        } catch (RuntimeException e) {
            // a notice must never fail the command it accompanies
        }
    }

    @Override
    public void close() {
        watcher.interrupt();
        try {
            watcher.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
