package dev.weft.router.dns;

import dev.weft.weaveutil.addr.Ipv4;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The replicated name table of one peer. Local changes (add, delete, container death) only touch
 * records this peer originated; {@link #merge} takes copies from other peers keeping the higher
 * version. Every change is written to the store before the method returns. Thread-safe; lookups go
 * through {@link #index()}, which never blocks.
 */
public final class DnsTable {
    static final Duration TOMBSTONE_LIFETIME = Duration.ofMinutes(30);

    private final String ourPeer;
    private final DnsDomain domain;
    private final DnsRecordStore store;
    private final Clock clock;
    private final Map<String, DnsRecord> records = new HashMap<>();
    private volatile DnsIndex index = DnsIndex.EMPTY;
    private volatile Consumer<List<DnsRecord>> localChanges = changed -> { };

    public DnsTable(String ourPeer, DnsDomain domain, DnsRecordStore store, Clock clock) {
        this.ourPeer = ourPeer;
        this.domain = domain;
        this.store = store;
        this.clock = clock;
        synchronized (this) {
            for (DnsRecord r : store.load()) {
                records.merge(r.key(), r, (a, b) -> a.version() >= b.version() ? a : b);
            }
            reindex();
        }
    }

    public String ourPeer() {
        return ourPeer;
    }

    public DnsDomain domain() {
        return domain;
    }

    public DnsIndex index() {
        return index;
    }

    /** Calls {@code listener} with our own records after each local change (to tell the other peers). */
    public void onLocalChange(Consumer<List<DnsRecord>> listener) {
        localChanges = listener;
    }

    /**
     * Registers {@code hostname} for a container's address as our record. Returns false (and keeps
     * nothing) when the name is outside the domain.
     */
    public synchronized boolean add(String hostname, String containerId, Ipv4 address) {
        String fqdn = DnsDomain.fqdn(hostname);
        if (!domain.contains(fqdn)) {
            return false;
        }
        DnsRecord wanted = new DnsRecord(fqdn, ourPeer, containerId, address, 1, 0);
        DnsRecord existing = records.get(wanted.key());
        DnsRecord result;
        if (existing == null) {
            result = wanted;
        } else if (existing.live() && existing.hostname().equals(fqdn)) {
            return true;
        } else {
            result = existing.revived(fqdn);
        }
        commit(List.of(result), List.of());
        localChanges.accept(List.of(result));
        return true;
    }

    /**
     * Tombstones our live records matching all given parts; a null part matches anything.
     * Returns how many records were deleted.
     */
    public synchronized int delete(String hostname, String containerId, Ipv4 address) {
        String fqdn = hostname == null ? null : DnsDomain.fqdn(hostname);
        return tombstoneOurs(r -> (fqdn == null || r.hostname().equalsIgnoreCase(fqdn))
                && (containerId == null || r.containerId().equals(containerId))
                && (address == null || r.address().equals(address)));
    }

    public int containerDied(String containerId) {
        return delete(null, containerId, null);
    }

    /**
     * Takes records gossiped by other peers. A copy replaces ours only when its version is higher; a
     * newer copy of one of our own records makes us re-assert our state above that version.
     * Returns the records that changed here (to be gossiped on).
     */
    public synchronized List<DnsRecord> merge(Collection<DnsRecord> incoming) {
        long now = nowSeconds();
        Map<String, DnsRecord> changed = new HashMap<>();
        for (DnsRecord theirs : incoming) {
            DnsRecord mine = changed.getOrDefault(theirs.key(), records.get(theirs.key()));
            if (mine != null && theirs.version() <= mine.version()) {
                continue;
            }
            DnsRecord result;
            if (theirs.origin().equals(ourPeer)) {
                DnsRecord base = mine != null ? mine : theirs.live() ? theirs.tombstoned(now) : theirs;
                result = base.withVersion(theirs.version() + 1);
            } else {
                result = theirs;
            }
            changed.put(result.key(), result);
        }
        List<DnsRecord> result = new ArrayList<>(changed.values());
        commit(result, List.of());
        return result;
    }

    /** A peer left the topology: its records go at once (they come back with its gossip). */
    public synchronized int peerGone(String peer) {
        if (peer.equals(ourPeer)) {
            return 0;
        }
        return remove(r -> r.origin().equals(peer));
    }

    /**
     * Keeps only our records and those of {@code origins} (the peers the mesh reaches): the records of
     * a peer that left the topology go at once, and come back with its gossip. Returns how many went.
     */
    public synchronized int retainOrigins(Set<String> origins) {
        return remove(r -> !r.origin().equals(ourPeer) && !origins.contains(r.origin()));
    }

    /** Drops tombstones older than 30 minutes. */
    public synchronized int purgeTombstones() {
        long cutoff = nowSeconds() - TOMBSTONE_LIFETIME.toSeconds();
        return remove(r -> !r.live() && r.tombstone() < cutoff);
    }

    /** All records, tombstones included, in name order. */
    public synchronized List<DnsRecord> records() {
        List<DnsRecord> all = new ArrayList<>(records.values());
        all.sort(DnsRecord.NAME_ORDER);
        return all;
    }

    public synchronized int liveOurs() {
        int n = 0;
        for (DnsRecord r : records.values()) {
            if (r.live() && r.origin().equals(ourPeer)) {
                n++;
            }
        }
        return n;
    }

    private int tombstoneOurs(Predicate<DnsRecord> match) {
        long now = nowSeconds();
        List<DnsRecord> changed = new ArrayList<>();
        for (DnsRecord r : records.values()) {
            if (r.live() && r.origin().equals(ourPeer) && match.test(r)) {
                changed.add(r.tombstoned(now));
            }
        }
        commit(changed, List.of());
        if (!changed.isEmpty()) {
            localChanges.accept(changed);
        }
        return changed.size();
    }

    private int remove(Predicate<DnsRecord> match) {
        List<DnsRecord> gone = new ArrayList<>();
        for (DnsRecord r : records.values()) {
            if (match.test(r)) {
                gone.add(r);
            }
        }
        commit(List.of(), gone);
        return gone.size();
    }

    private void commit(List<DnsRecord> upserts, List<DnsRecord> removals) {
        if (upserts.isEmpty() && removals.isEmpty()) {
            return;
        }
        store.write(upserts, removals);
        for (DnsRecord r : removals) {
            records.remove(r.key());
        }
        for (DnsRecord r : upserts) {
            records.put(r.key(), r);
        }
        reindex();
    }

    private void reindex() {
        List<DnsRecord> sorted = new ArrayList<>(records.values());
        sorted.sort(DnsRecord.NAME_ORDER);
        index = new DnsIndex(sorted);
    }

    private long nowSeconds() {
        return clock.instant().getEpochSecond();
    }
}
