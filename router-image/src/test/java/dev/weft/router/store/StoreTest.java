package dev.weft.router.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path dir;

    @Test
    void committedValuesSurviveReopening() {
        Path file = dir.resolve("sub/weavedata.db");
        try (Store store = Store.open(file)) {
            Map<String, String> map = store.map("things");
            map.put("a", "1");
            store.commit();
        }
        assertTrue(Files.exists(file));
        try (Store store = Store.open(file)) {
            Map<String, String> map = store.map("things");
            assertEquals("1", map.get("a"));
        }
    }

    @Test
    void updateAppliesAndCommitsTogether() {
        Path file = dir.resolve("weavedata.db");
        try (Store store = Store.open(file)) {
            Map<String, Long> map = store.map("counts");
            long written = store.update(() -> {
                map.put("x", 7L);
                return 7L;
            });
            assertEquals(7L, written);
            assertEquals(7L, map.get("x"));
        }
        try (Store store = Store.open(file)) {
            Map<String, Long> map = store.map("counts");
            assertEquals(7L, map.get("x"));
            assertNull(map.get("y"));
        }
    }

    @Test
    void flagsArePersisted() {
        Path file = dir.resolve("weavedata.db");
        try (Store store = Store.open(file)) {
            assertNull(store.flag("expose"));
            store.setFlag("expose", "10.32.0.1/12");
        }
        try (Store store = Store.open(file)) {
            assertEquals("10.32.0.1/12", store.flag("expose"));
        }
    }

    @Test
    void dataFileFollowsTheDbPrefix() {
        assertEquals(Path.of("/weavedb/weavedata.db"), Store.dataFile("/weavedb/weave"));
    }

    @Test
    void inMemoryStoreWorksWithoutAFile() {
        try (Store store = Store.inMemory()) {
            Map<String, String> map = store.map("m");
            map.put("k", "v");
            store.commit();
            assertEquals("v", map.get("k"));
        }
    }
}
