package dev.weft.router.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that cannot be decoded are kept aside, never dropped and never fatal. */
class QuarantineTest {
    @TempDir
    Path dir;

    private static Integer number(String text) {
        return Integer.valueOf(text);
    }

    @Test
    void readAllReturnsTheSoundRecordsAndKeepsTheOthersAside() {
        Path file = dir.resolve("weavedata.db");
        try (Store store = Store.open(file)) {
            store.update(() -> {
                Map<Object, Object> map = store.map("numbers");
                map.put("one", "1");
                map.put("two", "zwei");
                map.put("three", 3L);
                map.put(4L, "4");
            });
            assertEquals(Map.of("one", 1), store.readAll("numbers", QuarantineTest::number));
            Map<String, String> aside = store.quarantine().entries();
            assertEquals(3, aside.size(), aside.toString());
            assertTrue(aside.entrySet().stream().anyMatch(e -> e.getKey().startsWith("numbers/two@")
                    && e.getValue().endsWith("\tzwei")), aside.toString());
            assertTrue(aside.values().stream().anyMatch(v -> v.startsWith("its value is a Long, not text")), aside.toString());
            assertTrue(aside.values().stream().anyMatch(v -> v.startsWith("its key is a Long, not text")), aside.toString());
        }
        try (Store store = Store.open(file)) {
            assertEquals(Map.of("one", 1), store.readAll("numbers", QuarantineTest::number),
                    "what was set aside is out of the map for good");
            assertEquals(3, store.quarantine().entries().size(), "and kept across restarts");
        }
    }

    @Test
    void readOfOneKeySetsAsideAnUnreadableValue() {
        try (Store store = Store.inMemory()) {
            store.update(() -> store.<String, String>map("meta").put("ring", "garbage"));
            assertEquals(Optional.empty(), store.read("meta", "ring", QuarantineTest::number));
            assertFalse(store.<String, String>map("meta").containsKey("ring"));
            assertTrue(store.quarantine().entries().values().iterator().next().endsWith("\tgarbage"));
            assertEquals(Optional.empty(), store.read("meta", "absent", QuarantineTest::number));
            assertEquals(1, store.quarantine().entries().size());
        }
    }
}
