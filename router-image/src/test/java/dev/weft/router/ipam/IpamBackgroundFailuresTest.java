package dev.weft.router.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.router.api.BackgroundFailures;
import dev.weft.router.mesh.LocalOnlyMesh;
import dev.weft.router.identity.PeerName;
import dev.weft.router.store.Store;
import dev.weft.router.testing.MutableClock;
import dev.weft.weaveutil.addr.Cidr;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IPAM's handling of container deaths runs in the background: its failures are logged and counted. */
class IpamBackgroundFailuresTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aDestroyedContainerWhoseReleaseCannotBeStoredIsCounted() {
        BackgroundFailures failures = new BackgroundFailures();
        Store store = Store.open(dir.resolve("weavedata.db"));
        PeerName us = PeerName.parse("aa:00:00:00:00:01");
        LocalOnlyMesh alone = new LocalOnlyMesh(us);
        try (Ipam ipam = Ipam.create(IpamConfig.fromFlags("10.32.0.0/12", null, "", us, "host1", 0), store,
                id -> false, new MutableClock(), scheduler, alone, alone, failures)) {
            ipam.allocate("c1", Cidr.parse("10.32.0.0/12"), false).await();
            store.close(); // the disk went away
            ipam.destroyed("c1");
            ipam.awaitIdle();
            assertEquals(1, failures.count(BackgroundFailures.CONTAINER_DEATH));
        }
    }
}
