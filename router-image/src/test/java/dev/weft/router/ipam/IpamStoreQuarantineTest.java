package dev.weft.router.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.identity.PeerName;
import dev.weft.router.store.Store;
import dev.weft.router.testing.MutableClock;
import dev.weft.weaveutil.addr.Cidr;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreadable IPAM records are kept aside by the store; IPAM starts with the sound ones. */
class IpamStoreQuarantineTest {
    private static final PeerName US = PeerName.parse("aa:00:00:00:00:01");
    private static final Cidr RANGE = Cidr.parse("10.32.0.0/12");

    @TempDir
    Path dir;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Ipam open(Store store) {
        return Ipam.create(IpamConfig.fromFlags("10.32.0.0/12", null, "", US, "host1", 0), store, id -> true,
                new MutableClock(), scheduler);
    }

    private void allocateTwo(Path file) {
        try (Store store = Store.open(file); Ipam ipam = open(store)) {
            ipam.allocate("c1", RANGE, false).await();
            ipam.allocate("c2", RANGE, false).await();
        }
    }

    @Test
    void aMalformedOwnerRecordIsSetAsideAndTheOtherOwnersAreKept() {
        Path file = dir.resolve("weavedata.db");
        allocateTwo(file);
        try (Store store = Store.open(file)) {
            store.update(() -> store.<String, String>map(IpamStore.OWNED_MAP).put("c2", "container 10.32.0.2/99"));
        }
        try (Store store = Store.open(file); Ipam ipam = open(store)) {
            assertEquals(Map.of("c1", new Owner(true, List.of(Cidr.parse("10.32.0.1/12")))), ipam.owners());
            assertTrue(ipam.isReady(), "the ring is kept");
            Map<String, String> aside = store.quarantine().entries();
            assertEquals(1, aside.size());
            assertTrue(aside.keySet().iterator().next().startsWith(IpamStore.OWNED_MAP + "/c2@"), aside.toString());
            assertTrue(aside.values().iterator().next().endsWith("\tcontainer 10.32.0.2/99"), aside.toString());
        }
    }

    @Test
    void anUnreadableRingIsKeptAsideNotSilentlyDroppedAndTheOwnersStay() {
        Path file = dir.resolve("weavedata.db");
        allocateTwo(file);
        String ring;
        try (Store store = Store.open(file)) {
            ring = store.<String, String>map(IpamStore.META_MAP).get("ring");
            store.update(() -> store.<String, String>map(IpamStore.META_MAP).put("ring", ring.substring(0, ring.length() / 2) + "#"));
        }
        try (Store store = Store.open(file); Ipam ipam = open(store)) {
            assertEquals(2, ipam.owners().size(), "the owners are sound and stay");
            Map<String, String> aside = store.quarantine().entries();
            assertEquals(1, aside.size());
            assertTrue(aside.keySet().iterator().next().startsWith(IpamStore.META_MAP + "/ring@"), aside.toString());
            assertEquals(Cidr.parse("10.32.0.3/12"), ipam.allocate("c3", RANGE, false).await(),
                    "a new ring does not hand out the addresses the owners hold");
        }
    }
}
