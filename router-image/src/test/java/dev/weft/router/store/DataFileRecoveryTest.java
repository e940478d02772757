package dev.weft.router.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data file that cannot be used never stops the router and is never overwritten. */
class DataFileRecoveryTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("weavedata.db");
    }

    private List<Path> setAside(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("weavedata.db." + suffix + "-")).toList();
        }
    }

    @Test
    void weaveNetsBoltDbFileIsRenamedAsideUntouchedAndTheStoreStartsEmpty() throws Exception {
        byte[] bolt = BoltDbFixture.emptyDatabase();
        Files.write(file(), bolt);
        assertEquals(DataFileFormat.BOLTDB, DataFileFormat.of(file()));

        try (Store store = Store.open(file())) {
            assertTrue(store.mvStore().getMapNames().isEmpty());
            assertEquals(1, store.notices().size(), store.notices().toString());
            assertTrue(store.notices().get(0).startsWith("found Weave Net's BoltDB data file " + file()),
                    store.notices().get(0));
            store.update(() -> store.<String, String>map("m").put("k", "v"));
        }
        List<Path> aside = setAside(DataFileRecovery.BOLTDB_SUFFIX);
        assertEquals(1, aside.size());
        assertArrayEquals(bolt, Files.readAllBytes(aside.get(0)), "the old file is kept byte for byte");
        assertTrue(store(file()).notices().isEmpty(), "the next start finds weft's own store");
    }

    @Test
    void aBoltDbFileWhoseFirstMetaPageIsDamagedIsStillRecognised() {
        byte[] bolt = BoltDbFixture.emptyDatabase();
        Arrays.fill(bolt, 0, 64, (byte) 0);
        assertEquals(DataFileFormat.BOLTDB, DataFileFormat.classify(bolt));
    }

    @Test
    void garbageIsSetAsideAndTheStoreStartsEmpty() throws Exception {
        byte[] garbage = "this is not a store file ".repeat(300).getBytes();
        Files.write(file(), garbage);
        try (Store store = Store.open(file())) {
            assertTrue(store.mvStore().getMapNames().isEmpty());
            assertTrue(store.notices().get(0).contains("is not a weft store"), store.notices().toString());
        }
        assertArrayEquals(garbage, Files.readAllBytes(setAside(DataFileRecovery.DAMAGED_SUFFIX).get(0)));
    }

    @Test
    void aStoreCutShortInItsHeaderIsSetAside() throws Exception {
        byte[] whole = writeCommits(20);
        Files.write(file(), Arrays.copyOf(whole, 100));
        try (Store store = Store.open(file())) {
            assertTrue(store.notices().get(0).contains("cannot be opened"), store.notices().toString());
            assertTrue(store.mvStore().getMapNames().isEmpty());
        }
        assertEquals(1, setAside(DataFileRecovery.DAMAGED_SUFFIX).size());
    }

    @Test
    void aTruncatedStoreStartsWithTheVersionThatCanBeReadAndKeepsTheWholeFileAside() throws Exception {
        byte[] whole = writeCommits(20);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        Files.write(file(), truncated);
        try (Store store = Store.open(file())) {
            assertEquals(1, store.notices().size(), store.notices().toString());
            assertTrue(store.notices().get(0).contains("is damaged: only version"), store.notices().get(0));
            Map<String, String> m = store.map("m");
            assertFalse(m.isEmpty(), "what the older version holds is kept");
            assertTrue(m.size() < 20);
        }
        assertArrayEquals(truncated, Files.readAllBytes(setAside(DataFileRecovery.DAMAGED_SUFFIX).get(0)));
    }

    @Test
    void garbledChunksAreNotSilentlyTakenForAnEmptyStore() throws Exception {
        byte[] garbled = writeCommits(20);
        for (int i = 8192; i < garbled.length - 200; i += 7) {
            garbled[i] ^= 0x5a;
        }
        Files.write(file(), garbled);
        try (Store store = Store.open(file())) {
            assertTrue(store.notices().get(0).contains("is damaged"), store.notices().toString());
        }
        assertArrayEquals(garbled, Files.readAllBytes(setAside(DataFileRecovery.DAMAGED_SUFFIX).get(0)));
    }

    @Test
    void aSoundStoreHasNoNoticesAndNothingIsSetAside() throws Exception {
        writeCommits(3);
        try (Store store = Store.open(file())) {
            assertTrue(store.notices().isEmpty(), store.notices().toString());
            assertEquals(3, store.<String, String>map("m").size());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFileHeldByAnotherStoreIsAnErrorAndIsNotMoved() throws Exception {
        writeCommits(3);
        try (Store first = Store.open(file())) {
            StoreException e = assertThrows(StoreException.class, () -> Store.open(file()));
            assertTrue(e.getMessage().startsWith("open store " + file()), e.getMessage());
            assertTrue(setAside(DataFileRecovery.DAMAGED_SUFFIX).isEmpty());
            assertEquals("v0", first.<String, String>map("m").get("k0"));
        }
    }

    private Store store(Path path) {
        Store s = Store.open(path);
        s.close();
        return s;
    }

    /** A store with {@code commits} commits of one small record each; returns the file's bytes. */
    private byte[] writeCommits(int commits) throws IOException {
        try (Store store = Store.open(file())) {
            for (int i = 0; i < commits; i++) {
                int n = i;
                store.update(() -> store.<String, String>map("m").put("k" + n, "v" + n));
            }
        }
        return Files.readAllBytes(file());
    }
}
