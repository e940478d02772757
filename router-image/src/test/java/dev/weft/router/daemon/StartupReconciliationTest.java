package dev.weft.router.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.docker.DockerUnavailableException;
import dev.weft.router.docker.FakeContainers;
import dev.weft.router.identity.PeerName;
import dev.weft.router.ipam.Ipam;
import dev.weft.router.ipam.IpamConfig;
import dev.weft.router.store.Store;
import dev.weft.router.testing.MutableClock;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.nl.NetlinkException;
import dev.weft.weaveutil.plumbing.AttachOptions;
import dev.weft.weaveutil.plumbing.FakePlumbing;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Start-up reconciliation frees an address only when its container is definitely gone. */
class StartupReconciliationTest {
    private static final String WEB = "a1".repeat(32);
    private static final String DB = "b2".repeat(32);
    private static final String GONE = "0d".repeat(32);
    private static final Cidr RANGE = Cidr.parse("10.32.0.0/12");

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Store store = Store.inMemory();
    private final FakeContainers containers = new FakeContainers();
    private final FakePlumbing plumbing = new FakePlumbing();
    private final Ipam ipam = Ipam.create(IpamConfig.fromFlags("10.32.0.0/12", null, "",
            PeerName.parse("aa:00:00:00:00:01"), "host1", 0), store, id -> true, new MutableClock(), timers);

    @AfterEach
    void close() {
        ipam.close();
        timers.shutdownNow();
        store.close();
    }

    private void runningAttached(String id, int pid, String cidr) {
        containers.add(FakeContainers.running(id, id.substring(0, 4), pid));
        plumbing.addContainer(pid);
        plumbing.attachContainer(pid, "weave", List.of(Cidr.parse(cidr)), AttachOptions.defaults());
        ipam.claim(id, Cidr.parse(cidr), false, false).await();
    }

    private void reconcile() {
        new StartupReconciliation(new LiveAddresses(containers, plumbing, "weave"), ipam, null).run();
    }

    @Test
    void aNetlinkErrorReadingARunningContainerKeepsItsAddresses() {
        plumbing.ensureBridge("weave", 1376, null);
        runningAttached(WEB, 42, "10.32.0.5/12");
        runningAttached(DB, 43, "10.32.0.6/12");
        ipam.claim(GONE, Cidr.parse("10.32.0.7/12"), false, false).await();
        plumbing.failInterfaceReads(42, new NetlinkException("RTM_GETLINK", 16, "Device or resource busy"));

        reconcile();

        assertEquals(List.of(Cidr.parse("10.32.0.5/12")), ipam.lookup(WEB, RANGE), "unreadable container keeps its address");
        assertEquals(List.of(Cidr.parse("10.32.0.6/12")), ipam.lookup(DB, RANGE));
        assertFalse(ipam.owners().containsKey(GONE), "an owner that does not run is dropped");
        assertEquals(Cidr.parse("10.32.0.1/12"), ipam.allocate("new", RANGE, false).await());
    }

    @Test
    void aDockerTimeOutInspectingOneContainerKeepsItsAddressesAndChecksTheOthers() {
        plumbing.ensureBridge("weave", 1376, null);
        runningAttached(WEB, 42, "10.32.0.5/12");
        ipam.claim(GONE, Cidr.parse("10.32.0.7/12"), false, false).await();
        containers.failInspect(WEB, new DockerUnavailableException("inspect container " + WEB + ": Read timed out", null));

        reconcile();

        assertEquals(List.of(Cidr.parse("10.32.0.5/12")), ipam.lookup(WEB, RANGE));
        assertFalse(ipam.owners().containsKey(GONE));
    }

    @Test
    void definiteAnswersFreeTheAddresses() {
        plumbing.ensureBridge("weave", 1376, null);
        runningAttached(WEB, 42, "10.32.0.5/12");
        runningAttached(DB, 43, "10.32.0.6/12");
        plumbing.killContainer(42); // its namespace is gone
        plumbing.detachContainer(43, List.of(Cidr.parse("10.32.0.6/12"))); // no weave interface any more

        reconcile();

        assertTrue(ipam.lookup(WEB, RANGE).isEmpty());
        assertTrue(ipam.lookup(DB, RANGE).isEmpty());
    }
}
