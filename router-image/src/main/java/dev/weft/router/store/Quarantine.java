package dev.weft.router.store;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where unreadable records go: moved out of their map into map {@value #MAP_NAME} under
 * {@code <map>/<key>@<time>}, the value being {@code <reason>\t<raw value>}, with one log line
 * naming the record. Nothing is ever deleted from here by the router; the operator can inspect it
 * (and {@code weave reset} removes the whole data file).
 */
public final class Quarantine {
    public static final String MAP_NAME = "quarantine";
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);

    private final Store store;
    private final Clock clock;

    Quarantine(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Moves {@code mapName}'s value at {@code key} aside and commits; returns the key it is kept under. */
    String keepAside(String mapName, Object key, Object raw, String reason) {
        Instant now = clock.instant();
        String asideKey = mapName + "/" + key + "@" + now;
        String oneLineReason = reason == null ? "unreadable" : reason.replace('\n', ' ').replace('\t', ' ');
        store.update(() -> {
            MVMap<Object, Object> from = store.map(mapName);
            from.remove(key);
            store.<String, String>map(MAP_NAME).put(asideKey, oneLineReason + "\t" + raw);
        });
        LOG.warn("store: record {}/{} is unreadable ({}); kept aside in map '{}' as {}, going on without it",
                mapName, key, oneLineReason, MAP_NAME, asideKey);
        return asideKey;
    }

    /** Everything kept aside so far: key to {@code <reason>\t<raw value>}. */
    public Map<String, String> entries() {
        return new LinkedHashMap<>(store.<String, String>map(MAP_NAME));
    }
}
