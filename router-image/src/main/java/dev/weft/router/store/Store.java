package dev.weft.router.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>Damage is handled by one policy: a data file that cannot be used is set aside, never
 * overwritten (see {@link DataFileRecovery}), and a record that cannot be decoded is moved to the
 * {@link Quarantine} by {@link #readAll} and {@link #read}; either way one line is logged and the
 * router starts with what is sound.
 */
public final class Store implements AutoCloseable {
    /** The file name the daemon uses under its {@code --db-prefix}. */
    public static final String DATA_FILE_SUFFIX = "data.db";
    private static final String FLAGS_MAP = "weave";

    private final MVStore mvStore;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Quarantine quarantine;
    private final List<String> notices;

    Store(MVStore mvStore, List<String> notices, Clock clock) {
        this.mvStore = mvStore;
        this.notices = List.copyOf(notices);
        this.quarantine = new Quarantine(this, clock);
    }

    /**
     * Opens (creating if needed, with its parent directories) the store file at {@code file}. A file
     * that is not a usable MVStore (Weave Net's BoltDB file, garbage, a damaged store) is set aside
     * and the store starts empty or with what could be read; {@link #notices()} says what happened.
     *
     * @throws StoreException when the file cannot be reached at all (permissions, I/O errors, locked)
     */
    public static Store open(Path file) {
        return DataFileRecovery.open(file, Clock.systemUTC());
    }

    /** The data file for a daemon {@code --db-prefix}, e.g. {@code /weavedb/weave} → {@code /weavedb/weavedata.db}. */
    public static Path dataFile(String dbPrefix) {
        return Path.of(dbPrefix + DATA_FILE_SUFFIX);
    }

    /** Opens a store that lives only in memory (tests, or a daemon run without a data volume). */
    public static Store inMemory() {
        return new Store(new MVStore.Builder().autoCommitDisabled().open(), List.of(), Clock.systemUTC());
    }

    /** What opening the file had to do about it, one line each (empty for a sound file). */
    public List<String> notices() {
        return notices;
    }

    /** Where unreadable records were moved. */
    public Quarantine quarantine() {
        return quarantine;
    }

    /**
     * Every record of a map that decodes, by key in map order; a record that does not (not text, or
     * rejected by {@code decoder}) is moved to the {@link Quarantine} with one log line.
     */
    public <T> Map<String, T> readAll(String mapName, RecordDecoder<T> decoder) {
        Map<String, T> sound = new LinkedHashMap<>();
        MVMap<Object, Object> map = map(mapName);
        for (Map.Entry<Object, Object> e : List.copyOf(map.entrySet())) {
            decodeOrSetAside(mapName, e.getKey(), e.getValue(), decoder).ifPresent(record -> sound.put((String) e.getKey(), record));
        }
        return sound;
    }

    /** The record at {@code key}, empty when absent or when it could not be decoded (it is then in the quarantine). */
    public <T> Optional<T> read(String mapName, String key, RecordDecoder<T> decoder) {
        Object raw = this.<Object, Object>map(mapName).get(key);
        return raw == null ? Optional.empty() : decodeOrSetAside(mapName, key, raw, decoder);
    }

    private <T> Optional<T> decodeOrSetAside(String mapName, Object key, Object raw, RecordDecoder<T> decoder) {
        String problem;
        if (!(key instanceof String)) {
            problem = "its key is a " + className(key) + ", not text";
        } else if (!(raw instanceof String text)) {
            problem = "its value is a " + className(raw) + ", not text";
        } else {
            try {
                T record = decoder.decode(text);
                if (record != null) {
                    return Optional.of(record);
                }
                problem = "nothing could be read from it";
            } catch (RuntimeException e) {
                problem = e.getMessage() != null ? e.getMessage() : e.toString();
            }
        }
        quarantine.keepAside(mapName, key, raw, problem);
        return Optional.empty();
    }

    private static String className(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    /** A named map, created on first use. Keys and values may be any type MVStore stores natively (String, Long, byte[]...). */
    public <K, V> MVMap<K, V> map(String name) {
        return mvStore.openMap(name);
    }

    /** A persisted flag ({@code flag:<name>} in map {@code weave}), or null when never set. */
    public String flag(String name) {
        return read(FLAGS_MAP, "flag:" + name, text -> text).orElse(null);
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
