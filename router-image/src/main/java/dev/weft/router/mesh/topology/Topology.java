package dev.weft.router.mesh.topology;

import dev.weft.router.identity.PeerName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every peer this one knows of, by name, with the entry each authored (SPEC §7.3). Merges updates
 * (newer entries win), keeps placeholders for peers that are named but not yet described, drops
 * peers that can no longer be reached, and keeps the index of 12-bit short IDs so that collisions
 * are seen (the peer with the lowest name keeps a contested ID).
 *
 * <p>Mutated by one thread (the mesh's); entries are immutable and the map is concurrent, so other
 * threads may read entries (to encode them) while it changes. Pure: no I/O, no clocks.
 */
public final class Topology {

    private final PeerName self;
    private final Map<PeerName, PeerEntry> entries = new ConcurrentHashMap<>();
    private final Map<Integer, TreeSet<PeerName>> byShortId = new HashMap<>();
    private long summaryHash;
    private int describedCount;

    public Topology(PeerEntry local) {
        this.self = local.name();
        put(local);
        addPlaceholdersFor(local);
    }

    public PeerName self() {
        return self;
    }

    public PeerEntry local() {
        return entries.get(self);
    }

    /** Replaces this peer's own entry (only the local peer authors it). */
    public void setLocal(PeerEntry local) {
        if (!local.name().equals(self)) {
            throw new IllegalArgumentException("local entry for " + local.name() + " in the topology of " + self);
        }
        put(local);
        addPlaceholdersFor(local);
    }

    public PeerEntry get(PeerName name) {
        return entries.get(name);
    }

    public boolean contains(PeerName name) {
        return entries.containsKey(name);
    }

    /** Every entry, placeholders included (a live view: safe to read from any thread). */
    public Collection<PeerEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    public int size() {
        return entries.size();
    }

    /**
     * Merges entries received from another peer. Placeholders on the wire are ignored; an entry for
     * this peer is never taken, but one from an earlier run (another UID) is reported so the local
     * peer can move its version past it.
     */
    public ApplyResult apply(Collection<PeerEntry> update) {
        Set<PeerName> changed = new LinkedHashSet<>();
        long foreignSelfVersion = -1;
        boolean shortIdsChanged = false;
        for (PeerEntry entry : update) {
            if (entry.isPlaceholder()) {
                continue;
            }
            if (entry.name().equals(self)) {
                if (entry.uid() != local().uid()) {
                    foreignSelfVersion = Math.max(foreignSelfVersion, entry.version());
                }
                continue;
            }
            PeerEntry current = entries.get(entry.name());
            if (current == null || current.isPlaceholder() || entry.supersedes(current)) {
                shortIdsChanged |= current == null || current.shortId() != entry.shortId();
                put(entry);
                changed.add(entry.name());
            }
        }
        for (PeerName name : changed) {
            addPlaceholdersFor(entries.get(name));
        }
        return new ApplyResult(changed, foreignSelfVersion, shortIdsChanged);
    }

    /** The result of {@link #apply}: which entries were new here (to pass on), and what the local peer must do. */
    public record ApplyResult(Set<PeerName> changed, long foreignSelfVersion, boolean shortIdsChanged) {
        public boolean sawEarlierSelf() {
            return foreignSelfVersion >= 0;
        }
    }

    /**
     * Removes every peer not in {@code keep} (this peer always stays).
     *
     * @return the removed entries, placeholders included
     */
    public List<PeerEntry> retainOnly(Set<PeerName> keep) {
        List<PeerEntry> removed = new ArrayList<>();
        for (PeerEntry entry : List.copyOf(entries.values())) {
            if (!entry.name().equals(self) && !keep.contains(entry.name())) {
                remove(entry);
                removed.add(entry);
            }
        }
        return removed;
    }

    /** True when another peer with a lower name holds this peer's short ID (SPEC: the lowest name keeps it). */
    public boolean localShortIdContested() {
        PeerEntry local = local();
        if (!local.hasShortId()) {
            return false;
        }
        TreeSet<PeerName> holders = byShortId.get(local.shortId());
        return holders != null && !holders.first().equals(self);
    }

    /** The peer whose data a short ID stands for (lowest name among holders), or null. */
    public PeerName holderOfShortId(int shortId) {
        TreeSet<PeerName> holders = byShortId.get(shortId);
        return holders == null || holders.isEmpty() ? null : holders.first();
    }

    /** A short ID no known peer holds, chosen at random; {@link PeerEntry#NO_SHORT_ID} if all 4096 are taken. */
    public int chooseFreeShortId(Random random) {
        for (int i = 0; i < 10; i++) {
            int candidate = random.nextInt(PeerEntry.SHORT_ID_LIMIT);
            if (!byShortId.containsKey(candidate)) {
                return candidate;
            }
        }
        int free = PeerEntry.SHORT_ID_LIMIT - byShortId.size();
        if (free <= 0) {
            return PeerEntry.NO_SHORT_ID;
        }
        int skip = random.nextInt(free);
        for (int id = 0; id < PeerEntry.SHORT_ID_LIMIT; id++) {
            if (!byShortId.containsKey(id) && skip-- == 0) {
                return id;
            }
        }
        return PeerEntry.NO_SHORT_ID;
    }

    /**
     * A fingerprint of the described entries (name, UID, version), independent of order: two peers
     * with equal summaries hold the same topology (up to a 64-bit hash collision).
     */
    public long summaryHash() {
        return summaryHash;
    }

    /** Entries that are not placeholders. */
    public int describedCount() {
        return describedCount;
    }

    public List<DigestItem> digest() {
        List<DigestItem> items = new ArrayList<>(describedCount);
        for (PeerEntry entry : entries.values()) {
            if (!entry.isPlaceholder()) {
                items.add(entry.digestItem());
            }
        }
        return items;
    }

    /** Entries here that the sender of {@code digest} lacks or holds an older version of. */
    public List<PeerEntry> newerThan(Collection<DigestItem> digest) {
        Map<PeerName, DigestItem> theirs = new HashMap<>(digest.size() * 2);
        for (DigestItem item : digest) {
            theirs.put(item.name(), item);
        }
        List<PeerEntry> newer = new ArrayList<>();
        for (PeerEntry entry : entries.values()) {
            if (entry.isPlaceholder()) {
                continue;
            }
            DigestItem item = theirs.get(entry.name());
            if (item == null || item.olderThan(entry)) {
                newer.add(entry);
            }
        }
        return newer;
    }

    /**
     * Peers whose entry in {@code digest} is newer than ours or unknown here; for this peer, an entry of
     * an earlier run (another UID), which {@link #apply} will then report.
     */
    public List<PeerName> missing(Collection<DigestItem> digest) {
        List<PeerName> wanted = new ArrayList<>();
        for (DigestItem item : digest) {
            if (item.name().equals(self)) {
                if (item.uid() != local().uid()) {
                    wanted.add(self);
                }
                continue;
            }
            PeerEntry ours = entries.get(item.name());
            if (ours == null || ours.isPlaceholder() || item.newerThan(ours)) {
                wanted.add(item.name());
            }
        }
        return wanted;
    }

    /** The current described entries for {@code names} (unknown names and placeholders skipped). */
    public List<PeerEntry> described(Collection<PeerName> names) {
        List<PeerEntry> result = new ArrayList<>(names.size());
        for (PeerName name : names) {
            PeerEntry entry = entries.get(name);
            if (entry != null && !entry.isPlaceholder()) {
                result.add(entry);
            }
        }
        return result;
    }

    private void addPlaceholdersFor(PeerEntry entry) {
        for (ConnectionSummary c : entry.connections()) {
            if (!entries.containsKey(c.remote())) {
                put(PeerEntry.placeholder(c.remote()));
            }
        }
    }

    private void put(PeerEntry entry) {
        PeerEntry previous = entries.put(entry.name(), entry);
        if (previous != null) {
            unindex(previous);
        }
        index(entry);
    }

    private void remove(PeerEntry entry) {
        if (entries.remove(entry.name(), entry)) {
            unindex(entry);
        }
    }

    private void index(PeerEntry entry) {
        if (!entry.isPlaceholder()) {
            summaryHash ^= hash(entry);
            describedCount++;
        }
        if (entry.hasShortId()) {
            byShortId.computeIfAbsent(entry.shortId(), id -> new TreeSet<>()).add(entry.name());
        }
    }

    private void unindex(PeerEntry entry) {
        if (!entry.isPlaceholder()) {
            summaryHash ^= hash(entry);
            describedCount--;
        }
        if (entry.hasShortId()) {
            TreeSet<PeerName> holders = byShortId.get(entry.shortId());
            if (holders != null) {
                holders.remove(entry.name());
                if (holders.isEmpty()) {
                    byShortId.remove(entry.shortId());
                }
            }
        }
    }

    private static long hash(PeerEntry entry) {
        long h = mix(entry.name().value() ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ entry.uid());
        return mix(h ^ entry.version());
    }

    /** SplitMix64's finaliser: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
