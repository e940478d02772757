package dev.weft.router.mesh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connections dialled to us that failed before they joined (a wrong password, a peer without
 * encryption, a bad handshake), by the dialling host, so that the accepting router's status says
 * why as the dialling side's does. A host's row goes when a connection from it joins, or when it
 * has not tried again for longer than a dialler's longest back-off; at most {@link #LIMIT} hosts
 * are kept (the oldest go first), so peers that keep failing cannot grow it. Used on the mesh actor.
 */
final class InboundRefusals {
    static final int LIMIT = 32;
    static final Duration KEEP = Target.MAX_INTERVAL.multipliedBy(3).dividedBy(2).plusMinutes(1);

    /** The last refusal from one host: the address it came from and why. */
    record Refusal(String host, String address, ConnectionFailure failure, long atNanos, int count) {}

    private final Map<String, Refusal> byHost = new LinkedHashMap<>();

    void refused(String host, String address, ConnectionFailure failure, long nanoNow) {
        Refusal before = byHost.remove(host);
        byHost.put(host, new Refusal(host, address, failure, nanoNow, before == null ? 1 : before.count() + 1));
        while (byHost.size() > LIMIT) {
            Iterator<String> oldest = byHost.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    void joined(String host) {
        byHost.remove(host);
    }

    /** The refusals still current, oldest first. */
    List<Refusal> current(long nanoNow) {
        byHost.values().removeIf(r -> nanoNow - r.atNanos() > KEEP.toNanos());
        return new ArrayList<>(byHost.values());
    }
}
