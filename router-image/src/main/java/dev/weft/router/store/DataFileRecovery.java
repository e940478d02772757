package dev.weft.router.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the data file so that whatever is wrong with it never stops the router and never destroys
 * it: Weave Net's BoltDB file and anything that is not an MVStore are renamed aside untouched; a
 * store MVStore can only open by rolling back past the version its header names, or with a map it
 * cannot read, is copied aside before anything is written, and the router goes on with what is
 * sound. Each such event is one log line and one {@link Store#notices() notice}. A file that cannot
 * be reached (permissions, an I/O error, another process holding it) is an error: nothing is moved.
 */
final class DataFileRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(DataFileRecovery.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** IPAM and DNS state is a few kilobytes: a 1 MiB page cache (MVStore's default is 16) keeps the router's memory flat. */
    private static final int PAGE_CACHE_MIB = 1;
    static final String BOLTDB_SUFFIX = "weavenet-boltdb";
    static final String DAMAGED_SUFFIX = "damaged";

    private final Path file;
    private final Clock clock;
    private final List<String> notices = new ArrayList<>();
    private Path copyAside;

    private DataFileRecovery(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    static Store open(Path file, Clock clock) {
        return new DataFileRecovery(file, clock).open();
    }

    private Store open() {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            switch (DataFileFormat.of(file)) {
                case BOLTDB -> notice("found Weave Net's BoltDB data file " + file + "; weft cannot read it: kept it "
                        + "untouched as " + renameAside(BOLTDB_SUFFIX) + " and started with an empty store "
                        + "(see README, 'Upgrading from Weave Net')");
                case UNKNOWN -> notice("data file " + file + " is not a weft store; kept it as "
                        + renameAside(DAMAGED_SUFFIX) + " and started with an empty store");
                default -> { }
            }
            MVStore mvStore = openMvStore();
            checkVersion(mvStore);
            dropUnreadableMaps(mvStore);
            return new Store(mvStore, notices, clock);
        } catch (IOException e) {
            throw new StoreException("open store " + file + ": " + e.getMessage(), e);
        }
    }

    private MVStore openMvStore() throws IOException {
        try {
            return build();
        } catch (RuntimeException e) {
            if (!isDamage(e)) {
                throw new StoreException("open store " + file + ": " + e.getMessage(), e);
            }
            notice("data file " + file + " cannot be opened (" + oneLine(e) + "); kept it as "
                    + renameAside(DAMAGED_SUFFIX) + " and started with an empty store");
            return build();
        }
    }

    // MVStore's retention time stays at its default (45 s): dead chunks are reused only after it,
    // so the file holds about one small chunk per commit of the last 45 s. Setting it to 0 keeps
    // the file small but lost committed data after kill -9 in our crash runs.
    private MVStore build() {
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(PAGE_CACHE_MIB).open();
    }

    /** MVStore opens a store whose newest chunks are damaged by rolling back; below the header's version that loses data. */
    private void checkVersion(MVStore mvStore) throws IOException {
        Object headerVersion = mvStore.getStoreHeader().get("version");
        long named = headerVersion == null ? 0 : Long.parseLong(headerVersion.toString(), 16);
        long opened = mvStore.getCurrentVersion();
        if (opened < named) {
            notice("data file " + file + " is damaged: only version " + opened + " of " + named
                    + " could be read; kept a copy as " + copyAside() + " and started with what could be read");
        }
    }

    /** Reads every map through; one that fails is dropped (its bytes are in the copy set aside). */
    private void dropUnreadableMaps(MVStore mvStore) throws IOException {
        for (String name : List.copyOf(mvStore.getMapNames())) {
            try {
                MVMap<Object, Object> map = mvStore.openMap(name);
                for (Map.Entry<Object, Object> e : map.entrySet()) {
                    e.getValue();
                }
            } catch (RuntimeException e) {
                if (!isDamage(e)) {
                    throw new StoreException("read store " + file + ", map " + name + ": " + e.getMessage(), e);
                }
                Path copy = copyAside();
                mvStore.removeMap(name);
                notice("map '" + name + "' of data file " + file + " is unreadable (" + oneLine(e) + "); kept a copy "
                        + "of the file as " + copy + " and started without that map");
            }
        }
    }

    /** Corrupt contents, as opposed to a file that cannot be reached (which must not be moved or overwritten). */
    static boolean isDamage(RuntimeException e) {
        if (e instanceof MVStoreException m) {
            return switch (m.getErrorCode()) {
                case DataUtils.ERROR_FILE_LOCKED, DataUtils.ERROR_CLOSED, DataUtils.ERROR_WRITING_FAILED -> false;
                case DataUtils.ERROR_READING_FAILED -> m.getCause() instanceof EOFException;
                default -> true;
            };
        }
        return !(e instanceof UncheckedIOException || e instanceof SecurityException);
    }

    private Path renameAside(String suffix) throws IOException {
        Path aside = asideName(suffix);
        Files.move(file, aside);
        return aside;
    }

    /** One copy per opening, made before the store writes anything. */
    private Path copyAside() throws IOException {
        if (copyAside == null) {
            copyAside = asideName(DAMAGED_SUFFIX);
            Files.copy(file, copyAside);
        }
        return copyAside;
    }

    private Path asideName(String suffix) {
        String base = file.getFileName() + "." + suffix + "-" + STAMP.format(clock.instant());
        Path aside = file.resolveSibling(base);
        for (int n = 1; Files.exists(aside); n++) {
            aside = file.resolveSibling(base + "-" + n);
        }
        return aside;
    }

    private void notice(String line) {
        LOG.warn("{}", line);
        notices.add(line);
    }

    private static String oneLine(RuntimeException e) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        return message.replace('\n', ' ').strip();
    }
}
