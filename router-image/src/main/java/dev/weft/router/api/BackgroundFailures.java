package dev.weft.router.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Failures of work nobody waits for (purging DNS tombstones, handling a container's death, deleting
 * retired links, the iptables watchdog, the DNS sockets, the Docker event stream): each is logged
 * when it happens, one line under the failing component's logger, and counted per kind for
 * {@code /metrics}. Thread-safe.
 */
public final class BackgroundFailures {
    public static final String DNS_PURGE = "dns-purge";
    public static final String CONTAINER_DEATH = "container-death";
    public static final String LINK_REAPER = "link-reaper";
    public static final String CANARY_WATCHDOG = "canary-watchdog";
    public static final String DNS_SOCKET = "dns-socket";
    public static final String DOCKER_EVENTS = "docker-events";
    public static final String IPAM_PERIODIC = "ipam-periodic";

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public BackgroundFailures() {
        for (String kind : new String[] {DNS_PURGE, CONTAINER_DEATH, LINK_REAPER, CANARY_WATCHDOG, DNS_SOCKET,
            DOCKER_EVENTS, IPAM_PERIODIC}) {
            counts.put(kind, new AtomicLong());
        }
    }

    /** Logs {@code what} failed, with the cause's message, on one line, and counts one failure of {@code kind}. */
    public void record(String kind, Logger log, String what, Throwable cause) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        String message = cause == null ? "" : cause.getMessage() != null ? cause.getMessage() : cause.toString();
        log.warn("{} failed: {}", what, message.replace('\n', ' '));
        log.debug("{} failed", what, cause);
    }

    /** Counts one more failure of {@code kind} that was already logged (a repeat in a streak). */
    public void recordRepeat(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** {@code task}, with its failures recorded instead of thrown (so a periodic task keeps its schedule). */
    public Runnable guard(String kind, Logger log, String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                record(kind, log, what, e);
            }
        };
    }

    /** Failures so far by kind, every known kind present. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((kind, n) -> snapshot.put(kind, n.get()));
        return snapshot;
    }

    public long count(String kind) {
        AtomicLong n = counts.get(kind);
        return n == null ? 0 : n.get();
    }
}
