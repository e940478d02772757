package dev.weft.router.daemon;

import dev.weft.router.concurrent.DaemonThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every committed page of the serial collector's heap once the router is ready, what
 * {@code -XX:+AlwaysPreTouch} did at the JVM's start. Touched at start, the heap's pages cost the start
 * a page fault each (8,192 for weaver's 32 MiB, 100 ms on a VM whose faults take 12 µs); never touched,
 * the old generation became resident page by page over hundreds of requests, which bench/router-memory
 * counts as growth. After {@code ready} the same pages are written by two allocations: one array as large
 * as the old generation's free space (too large for eden, so the collector puts it in the old generation),
 * then eden's size in small arrays; a full collection then returns both as free space.
 *
 * <p>Only for the serial collector, whose pools weaver names; with any other collector (WEAVER_JAVA_OPTS)
 * nothing is done.
 */
final class HeapPreTouch {
    static final String OLD = "Tenured Gen";
    static final String EDEN = "Eden Space";
    static final long MARGIN = 1L << 20;
    static final int EDEN_PIECE = 64 << 10;
    private static volatile Object sink;

    /** A heap pool's committed and used bytes, as the JVM reports them. */
    record Pool(String name, long committed, long used) {
    }

    /** What to allocate: one array of {@code oldBytes}, then {@code edenBytes} in small arrays. */
    record Plan(long oldBytes, long edenBytes) {
        boolean isEmpty() {
            return oldBytes == 0 && edenBytes == 0;
        }
    }

    private HeapPreTouch() {
    }

    static void startInBackground() {
        DaemonThreads.startingEach("heap-pre-touch").execute(HeapPreTouch::run);
    }

    static Plan plan(List<Pool> pools) {
        Pool old = find(pools, OLD);
        Pool eden = find(pools, EDEN);
        if (old == null || eden == null) {
            return new Plan(0, 0);
        }
        long oldFree = old.committed() - old.used() - MARGIN;
        long oldBytes = oldFree > eden.committed() ? Math.min(oldFree, Integer.MAX_VALUE - 16) : 0;
        return new Plan(oldBytes, eden.committed());
    }

    private static Pool find(List<Pool> pools, String name) {
        return pools.stream().filter(pool -> pool.name().equals(name)).findFirst().orElse(null);
    }

    private static void run() {
        Plan plan = plan(heapPools());
        if (plan.isEmpty()) {
            return;
        }
        if (plan.oldBytes() > 0) {
            sink = new byte[(int) plan.oldBytes()];
        }
        for (long written = 0; written < plan.edenBytes(); written += EDEN_PIECE) {
            sink = new byte[EDEN_PIECE];
        }
        sink = null;
        System.gc();
    }

    private static List<Pool> heapPools() {
        List<Pool> pools = new ArrayList<>();
        for (MemoryPoolMXBean bean : ManagementFactory.getMemoryPoolMXBeans()) {
            if (bean.getType() == MemoryType.HEAP && bean.isValid()) {
                pools.add(new Pool(bean.getName(), bean.getUsage().getCommitted(), bean.getUsage().getUsed()));
            }
        }
        return pools;
    }
}
