package dev.weft.router.mesh.topology;

import dev.weft.router.identity.PeerName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes computed from one state of the topology (SPEC §7.3), immutable once made.
 *
 * <p>Unicast: breadth-first search from this peer, each level visited in name order, so every peer
 * computes the same paths from the same data. "Established" routes use only connections that both
 * ends report as established; "all" routes use every connection a peer reports (gossip travels on
 * those). A broadcast from a source follows the source's search tree: this peer passes it to the
 * neighbours the search had not reached when it came to this peer, so in a stable topology each
 * peer receives it once.
 */
public final class RouteTable {

    private final PeerName self;
    private final PeerName[] names;
    private final Map<PeerName, Integer> index;
    private final int selfIndex;
    private final int[][] all;
    private final int[][] established;
    private final Map<PeerName, PeerName> unicast;
    private final Map<PeerName, PeerName> unicastAll;
    private final Set<PeerName> reachableAll;
    private final Map<PeerName, List<PeerName>> broadcastCache = new ConcurrentHashMap<>();
    private final Map<PeerName, List<PeerName>> broadcastAllCache = new ConcurrentHashMap<>();

    private RouteTable(PeerName self, PeerName[] names, Map<PeerName, Integer> index, int[][] all,
                       int[][] established) {
        this.self = self;
        this.names = names;
        this.index = index;
        this.selfIndex = index.get(self);
        this.all = all;
        this.established = established;
        int[] viaEstablished = search(selfIndex, established, -1);
        int[] viaAll = search(selfIndex, all, -1);
        this.unicast = nextHops(viaEstablished);
        this.unicastAll = nextHops(viaAll);
        this.reachableAll = Collections.unmodifiableSet(unicastAll.keySet());
    }

    /** Routes of {@code self} over {@code entries} (which must include this peer's own entry). */
    public static RouteTable compute(PeerName self, Collection<PeerEntry> entries) {
        Map<PeerName, PeerEntry> byName = new HashMap<>(entries.size() * 2);
        for (PeerEntry e : entries) {
            byName.put(e.name(), e);
        }
        if (!byName.containsKey(self)) {
            throw new IllegalArgumentException("the topology lacks this peer " + self);
        }
        PeerName[] names = byName.keySet().toArray(new PeerName[0]);
        Arrays.sort(names);
        Map<PeerName, Integer> index = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        int[][] all = new int[names.length][];
        int[][] established = new int[names.length][];
        for (int i = 0; i < names.length; i++) {
            PeerEntry entry = byName.get(names[i]);
            int[] anyState = new int[entry.connections().size()];
            int[] both = new int[entry.connections().size()];
            int nAny = 0;
            int nBoth = 0;
            for (ConnectionSummary c : entry.connections()) {
                Integer remote = index.get(c.remote());
                if (remote == null || remote == i) {
                    continue;
                }
                anyState[nAny++] = remote;
                if (c.established() && establishedBack(byName.get(c.remote()), names[i])) {
                    both[nBoth++] = remote;
                }
            }
            all[i] = sortedDistinct(anyState, nAny);
            established[i] = sortedDistinct(both, nBoth);
        }
        return new RouteTable(self, names, index, all, established);
    }

    /** Routes of a peer that knows only itself. */
    public static RouteTable alone(PeerEntry self) {
        return compute(self.name(), List.of(self));
    }

    private static boolean establishedBack(PeerEntry remote, PeerName to) {
        if (remote == null) {
            return false;
        }
        for (ConnectionSummary c : remote.connections()) {
            if (c.remote().equals(to)) {
                return c.established();
            }
        }
        return false;
    }

    private static int[] sortedDistinct(int[] values, int n) {
        int[] copy = Arrays.copyOf(values, n);
        Arrays.sort(copy);
        int w = 0;
        for (int i = 0; i < copy.length; i++) {
            if (w == 0 || copy[w - 1] != copy[i]) {
                copy[w++] = copy[i];
            }
        }
        return Arrays.copyOf(copy, w);
    }

    private int[] search(int from, int[][] graph, int stopAt) {
        return searchUntil(from, graph, stopAt).via;
    }

    private record Search(int[] via, boolean stopped) {}

    /**
     * Breadth-first search from {@code from}, each level in name order. {@code via} holds, per peer
     * index, the first hop from {@code from} ({@code from} itself for {@code from}, -1 when unreached).
     * With {@code stopAt} ≥ 0 the search stops when that peer is taken from the work list, before its
     * neighbours are visited.
     */
    private Search searchUntil(int from, int[][] graph, int stopAt) {
        int[] via = new int[names.length];
        Arrays.fill(via, -1);
        via[from] = from;
        int[] current = {from};
        int currentSize = 1;
        int[] next = new int[names.length];
        while (currentSize > 0) {
            Arrays.sort(current, 0, currentSize);
            int nextSize = 0;
            for (int k = 0; k < currentSize; k++) {
                int peer = current[k];
                if (peer == stopAt) {
                    return new Search(via, true);
                }
                for (int neighbour : graph[peer]) {
                    if (via[neighbour] == -1) {
                        via[neighbour] = peer == from ? neighbour : via[peer];
                        next[nextSize++] = neighbour;
                    }
                }
            }
            int[] swap = current.length >= next.length ? current : new int[names.length];
            current = next;
            next = swap;
            currentSize = nextSize;
        }
        return new Search(via, false);
    }

    private Map<PeerName, PeerName> nextHops(int[] via) {
        Map<PeerName, PeerName> hops = new LinkedHashMap<>();
        for (int i = 0; i < via.length; i++) {
            if (i != selfIndex && via[i] >= 0) {
                hops.put(names[i], names[via[i]]);
            }
        }
        return Collections.unmodifiableMap(hops);
    }

    public PeerName self() {
        return self;
    }

    /** The neighbour to send to for {@code destination} over established, symmetric connections. */
    public Optional<PeerName> unicast(PeerName destination) {
        return Optional.ofNullable(unicast.get(destination));
    }

    /** As {@link #unicast} but over every reported connection (the path gossip takes). */
    public Optional<PeerName> unicastAll(PeerName destination) {
        return Optional.ofNullable(unicastAll.get(destination));
    }

    /** Destination → next hop over established connections, without this peer. */
    public Map<PeerName, PeerName> unicastRoutes() {
        return unicast;
    }

    /** Peers reachable over established, symmetric connections, without this one. */
    public Set<PeerName> reachable() {
        return unicast.keySet();
    }

    /** Peers reachable over any reported connection, without this one: the rest are dropped from the topology. */
    public Set<PeerName> reachableAll() {
        return reachableAll;
    }

    /** Neighbours to pass a broadcast from {@code source} on to, over established, symmetric connections. */
    public List<PeerName> broadcast(PeerName source) {
        return broadcastCache.computeIfAbsent(source, s -> broadcastHops(s, established));
    }

    /** As {@link #broadcast} over every reported connection (the tree gossip broadcasts take). */
    public List<PeerName> broadcastAll(PeerName source) {
        return broadcastAllCache.computeIfAbsent(source, s -> broadcastHops(s, all));
    }

    private List<PeerName> broadcastHops(PeerName source, int[][] graph) {
        Integer from = index.get(source);
        if (from == null) {
            return List.of();
        }
        Search search = searchUntil(from, graph, selfIndex);
        if (!search.stopped) {
            return List.of();
        }
        List<PeerName> hops = new ArrayList<>();
        for (int neighbour : graph[selfIndex]) {
            if (search.via[neighbour] == -1) {
                hops.add(names[neighbour]);
            }
        }
        return List.copyOf(hops);
    }

    /**
     * Neighbours to gossip to (SPEC §7.3): about 2·log2(N) of them, at random, each weighted by how many
     * peers are reached through it, so neighbours at the end of bottleneck links are rarely skipped.
     * Never {@code except} (the peer the gossip came from). {@code neighbours} are this peer's current
     * connections: one newer than these routes still counts, with weight 1.
     */
    public List<PeerName> gossipTargets(PeerName except, Random random, Collection<PeerName> neighbours) {
        Map<PeerName, Integer> weight = new HashMap<>();
        for (PeerName neighbour : neighbours) {
            if (!neighbour.equals(except)) {
                weight.put(neighbour, 0);
            }
        }
        for (PeerName hop : unicastAll.values()) {
            weight.computeIfPresent(hop, (h, w) -> w + 1);
        }
        weight.replaceAll((h, w) -> Math.max(1, w));
        int peers = unicastAll.size() + 1;
        int wanted = Math.max(1, (int) Math.ceil(2 * Math.log(peers) / Math.log(2)));
        if (weight.size() <= wanted) {
            List<PeerName> everyone = new ArrayList<>(weight.keySet());
            Collections.sort(everyone);
            return everyone;
        }
        // Efraimidis–Spirakis: the k largest u^(1/w) are a weighted sample without replacement
        List<PeerName> candidates = new ArrayList<>(weight.keySet());
        Collections.sort(candidates);
        double[] keys = new double[candidates.size()];
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Math.pow(random.nextDouble(), 1.0 / weight.get(candidates.get(i)));
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[b], keys[a]));
        List<PeerName> chosen = new ArrayList<>(wanted);
        for (int i = 0; i < wanted; i++) {
            chosen.add(candidates.get(order[i]));
        }
        return chosen;
    }
}
