package dev.weft.router.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshTargetsTest {

    @TempDir
    Path dir;

    @Test
    void launchUsesTheGivenPeersAndARestartOrResumeThePersistedOnes() {
        Path sentinel = dir.resolve("container-fs/restart.sentinel");
        try (Store store = Store.open(dir.resolve("weavedata.db"))) {
            MeshTargets targets = new MeshTargets(store);
            assertEquals(List.of("host1", "host2"), targets.initial(List.of("host1", "host2"), false, sentinel));
            assertTrue(Files.exists(sentinel), "the sentinel marks the container for its next start");
            targets.save(List.of("host2", "host3")); // forget host1, connect host3
        }
        try (Store store = Store.open(dir.resolve("weavedata.db"))) {
            MeshTargets targets = new MeshTargets(store);
            assertEquals(List.of("host2", "host3"), targets.initial(List.of("host1", "host2"), false, sentinel),
                    "Docker restarted the same container: the launch arguments are stale");
            Path fresh = dir.resolve("new-container/restart.sentinel");
            assertEquals(List.of("host9"), targets.initial(List.of("host9"), false, fresh), "a new launch");
            assertEquals(List.of("host9"), targets.load());
            targets.save(List.of("host4"));
            assertEquals(List.of("host4"), targets.initial(List.of(), true, dir.resolve("third/restart.sentinel")),
                    "--resume");
        }
    }

    @Test
    void anUnreadablePersistedListIsIgnored() {
        try (Store store = Store.inMemory()) {
            store.setFlag(MeshTargets.FLAG, "{not json");
            assertEquals(List.of(), new MeshTargets(store).initial(List.of("x"), true, null));
        }
    }
}
