package dev.weft.router.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The peer's embedded database ({@code <db-prefix>data.db}): one MVStore shared by IPAM and weaveDNS,
 * each keeping its own named maps in it.
 *
 * <p>Nothing reaches the file until {@link #commit()}: MVStore's auto-commit is off, so no background
 * thread writes a half-made change, and the write happens on the committing thread. {@link #commit()}
 * also forces the file to disk, so whatever was committed survives a kill -9 (see
 * {@code IpamCrashTest}) and, as far as the disk honours fsync, a power loss. Callers whose change
 * spans several maps or keys use {@link #update} so that another component's commit cannot persist
 * it half done.
 */
public final class Store implements AutoCloseable {
    /** The file name the daemon uses under its {@code --db-prefix}. */
    public static final String DATA_FILE_SUFFIX = "data.db";
    private static final String FLAGS_MAP = "weave";

    private final MVStore mvStore;
    private final ReentrantLock writeLock = new ReentrantLock();

    private Store(MVStore mvStore) {
        this.mvStore = mvStore;
    }

    private static final int PAGE_CACHE_MIB = 1;

    /** Opens (creating if needed, with its parent directories) the store file at {@code file}. */
    public static Store open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // MVStore's retention time stays at its default (45 s): dead chunks are reused only after it,
            // so the file holds about one small chunk per commit of the last 45 s. Setting it to 0 keeps
            // the file small but lost committed data after kill -9 in our crash runs.
            // IPAM and DNS state is a few kilobytes: a 1 MiB page cache (MVStore's default is 16) keeps the
            // long-lived router's memory flat.
            return new Store(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled()
                    .cacheSize(PAGE_CACHE_MIB).open());
        } catch (java.io.IOException | RuntimeException e) {
            throw new StoreException("open store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The data file for a daemon {@code --db-prefix}, e.g. {@code /weavedb/weave} → {@code /weavedb/weavedata.db}. */
    public static Path dataFile(String dbPrefix) {
        return Path.of(dbPrefix + DATA_FILE_SUFFIX);
    }

    /** Opens a store that lives only in memory (tests, or a daemon run without a data volume). */
    public static Store inMemory() {
        return new Store(new MVStore.Builder().autoCommitDisabled().open());
    }

    /** A named map, created on first use. Keys and values may be any type MVStore stores natively (String, Long, byte[]...). */
    public <K, V> MVMap<K, V> map(String name) {
        return mvStore.openMap(name);
    }

    /** A persisted flag ({@code flag:<name>} in map {@code weave}), or null when never set. */
    public String flag(String name) {
        return this.<String, String>map(FLAGS_MAP).get("flag:" + name);
    }

    /** Sets a flag and commits it. */
    public void setFlag(String name, String value) {
        update(() -> {
            this.<String, String>map(FLAGS_MAP).put("flag:" + name, value);
        });
    }

    /** Makes every change so far durable. */
    public void commit() {
        writeLock.lock();
        try {
            mvStore.commit();
            if (mvStore.getFileStore() != null) {
                mvStore.sync();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Applies {@code writes} and commits them as one unit: no other commit can land in between. */
    public <T> T update(Supplier<T> writes) {
        writeLock.lock();
        try {
            T result = writes.get();
            commit();
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    /** Applies {@code writes} and commits them as one unit. */
    public void update(Runnable writes) {
        update(() -> {
            writes.run();
            return null;
        });
    }

    /** The underlying MVStore, for callers that need more than named maps. */
    public MVStore mvStore() {
        return mvStore;
    }

    public boolean isClosed() {
        return mvStore.isClosed();
    }

    /** Commits what is pending and closes the file. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (!mvStore.isClosed()) {
                mvStore.close();
            }
        } finally {
            writeLock.unlock();
        }
    }
}
