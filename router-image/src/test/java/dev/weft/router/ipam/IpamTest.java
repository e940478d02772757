package dev.weft.router.ipam;

import dev.weft.router.testing.MutableClock;

import dev.weft.router.identity.PeerName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpamTest {
    static final PeerName US = PeerName.parse("aa:00:00:00:00:01");
    static final Cidr RANGE = Cidr.parse("10.32.0.0/12");

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    static IpamConfig config(String init, PeerName name, String range) {
        return IpamConfig.fromFlags(range, null, init, name, "host1", 0);
    }

    Ipam open(Store store, IpamConfig config, Set<String> running) {
        return Ipam.create(config, store, running::contains, clock, scheduler);
    }

    @Test
    void allocationsSurviveARestartOnTheSameFile() {
        Path file = dir.resolve("weavedata.db");
        try (Store store = Store.open(file); Ipam ipam = open(store, config("", US, "10.32.0.0/12"), Set.of())) {
            assertEquals(Cidr.parse("10.32.0.1/12"), ipam.allocate("c1", RANGE, false).await());
            assertEquals(Cidr.parse("10.32.0.2/12"), ipam.allocate("c2", RANGE, false).await());
            ipam.claim("weave:expose", Cidr.parse("10.32.0.9/12"), false, false).await();
            ipam.free("c1", Cidr.parse("10.32.0.1/12").address());
        }
        try (Store store = Store.open(file); Ipam ipam = open(store, config("", US, "10.32.0.0/12"), Set.of())) {
            assertTrue(ipam.isReady(), "the ring was persisted");
            assertEquals(Map.of("c2", new Owner(true, List.of(Cidr.parse("10.32.0.2/12"))),
                    "weave:expose", new Owner(false, List.of(Cidr.parse("10.32.0.9/12")))), ipam.owners());
            assertEquals(Cidr.parse("10.32.0.1/12"), ipam.allocate("c3", RANGE, false).await());
            assertEquals(Cidr.parse("10.32.0.3/12"), ipam.allocate("c4", RANGE, false).await());
            assertEquals(4, ipam.snapshot().activeIps());
        }
    }

    @Test
    void storedDataOfAnotherPeerNameOrRangeIsDiscarded() {
        Path file = dir.resolve("weavedata.db");
        try (Store store = Store.open(file); Ipam ipam = open(store, config("", US, "10.32.0.0/12"), Set.of())) {
            ipam.allocate("c1", RANGE, false).await();
        }
        try (Store store = Store.open(file);
             Ipam ipam = open(store, config("", PeerName.parse("::2"), "10.32.0.0/12"), Set.of())) {
            assertEquals(Map.of(), ipam.owners());
            assertFalse(ipam.isReady());
            ipam.allocate("c9", RANGE, false).await();
        }
        try (Store store = Store.open(file); Ipam ipam = open(store, config("", PeerName.parse("::2"), "10.0.0.0/16"),
                Set.of())) {
            assertEquals(Map.of(), ipam.owners());
        }
    }

    @Test
    void seedIsIgnoredWhenDataWasPersisted() {
        Path file = dir.resolve("weavedata.db");
        try (Store store = Store.open(file); Ipam ipam = open(store, config("", US, "10.32.0.0/12"), Set.of())) {
            ipam.allocate("c1", RANGE, false).await();
        }
        try (Store store = Store.open(file);
             Ipam ipam = open(store, config("seed=::5," + US, US, "10.32.0.0/12"), Set.of())) {
            assertEquals(List.of(US), ipam.snapshot().ring().owners());
        }
    }

    @Test
    void checkAliveCancelsForAContainerThatIsNotRunning() {
        try (Store store = Store.inMemory(); Ipam ipam = open(store, config("", US, "10.32.0.0/12"), Set.of("up"))) {
            assertThrows(RequestCancelledException.class, () -> ipam.allocate("down", RANGE, true).await());
            assertThrows(RequestCancelledException.class,
                    () -> ipam.claim("down", Cidr.parse("10.32.0.5/12"), true, false).await());
            assertEquals(Cidr.parse("10.32.0.1/12"), ipam.allocate("up", RANGE, true).await());
            assertEquals(Set.of("up"), ipam.owners().keySet());
        }
    }

    @Test
    void blockedAllocationCanBeCancelledThroughItsHandle() throws Exception {
        try (Store store = Store.inMemory(); Ipam ipam = open(store, config("consensus=2", US, "10.32.0.0/12"), Set.of())) {
            IpamRequest<Cidr> request = ipam.allocate("c1", RANGE, false);
            ipam.awaitIdle();
            assertFalse(request.isDone());
            assertEquals(List.of("c1"), ipam.snapshot().pendingAllocates());
            request.cancel();
            assertThrows(RequestCancelledException.class, request::await);
            ipam.awaitIdle();
            assertEquals(List.of(), ipam.snapshot().pendingAllocates());
        }
    }

    @Test
    void interruptingTheWaitingThreadCancelsTheRequest() throws Exception {
        try (Store store = Store.inMemory(); Ipam ipam = open(store, config("observer", US, "10.32.0.0/12"), Set.of())) {
            IpamRequest<Cidr> request = ipam.allocate("c1", RANGE, false);
            Thread waiter = new Thread(() -> assertThrows(RequestCancelledException.class, request::await));
            waiter.start();
            ipam.awaitIdle();
            waiter.interrupt();
            waiter.join(5000);
            ipam.awaitIdle();
            assertTrue(request.result().isCompletedExceptionally());
            assertEquals(List.of(), ipam.snapshot().pendingAllocates());
        }
    }

    @Test
    void diedContainerIsReleasedThirtySecondsLaterByTheClock() {
        try (Store store = Store.inMemory(); Ipam ipam = open(store, config("", US, "10.32.0.0/12"), Set.of())) {
            ipam.allocate("c1", RANGE, false).await();
            ipam.died("c1");
            clock.advance(Duration.ofSeconds(29));
            ipam.releaseExpired();
            assertEquals(Set.of("c1"), ipam.owners().keySet());
            clock.advance(Duration.ofSeconds(1));
            ipam.releaseExpired();
            assertEquals(Set.of(), ipam.owners().keySet());
        }
    }

    @Test
    void startedAgainKeepsTheAddressAndDestroyedReleasesAtOnce() {
        try (Store store = Store.inMemory(); Ipam ipam = open(store, config("", US, "10.32.0.0/12"), Set.of())) {
            ipam.allocate("c1", RANGE, false).await();
            ipam.allocate("c2", RANGE, false).await();
            ipam.died("c1");
            ipam.started("c1");
            ipam.destroyed("c2");
            clock.advance(Duration.ofMinutes(1));
            ipam.releaseExpired();
            assertEquals(Set.of("c1"), ipam.owners().keySet());
        }
    }

    @Test
    void theSchedulerReleasesExpiredOwnersOnItsOwn() throws Exception {
        try (Store store = Store.inMemory(); Ipam ipam = open(store, config("", US, "10.32.0.0/12"), Set.of())) {
            ipam.allocate("c1", RANGE, false).await();
            ipam.died("c1");
            clock.advance(Duration.ofSeconds(31));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ipam.owners().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(Map.of(), ipam.owners());
        }
    }

    @Test
    void concurrentCallersNeverGetTheSameAddress() throws Exception {
        try (Store store = Store.inMemory(); Ipam ipam = open(store, config("", US, "10.0.0.0/24"), Set.of())) {
            int threads = 8;
            int perThread = 30;
            java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<List<Cidr>>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Cidr> mine = new java.util.ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        Cidr cidr = ipam.allocate("t" + thread + "-" + i, Cidr.parse("10.0.0.0/24"), false).await();
                        mine.add(cidr);
                        if (i % 3 == 0) {
                            ipam.free("t" + thread + "-" + i, cidr.address());
                            mine.remove(cidr);
                        }
                    }
                    return mine;
                }));
            }
            Set<Cidr> all = new java.util.HashSet<>();
            int held = 0;
            for (java.util.concurrent.Future<List<Cidr>> f : results) {
                List<Cidr> mine = f.get(30, TimeUnit.SECONDS);
                held += mine.size();
                all.addAll(mine);
            }
            pool.shutdown();
            assertEquals(threads * (perThread - perThread / 3), held);
            assertEquals(held, all.size(), "no address given to two callers");
            assertEquals(held, ipam.snapshot().activeIps());
        }
    }
}
