package dev.weft.router.dataplane.sleeve;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.MeshRoutes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of where the sleeve sends frames, made from the mesh's routes whenever they, the
 * neighbours or a neighbour's fast-path state change; the packet loops read it without locks.
 * <ul>
 *   <li>unicast: destination peer → the neighbour to hand the frame to;</li>
 *   <li>broadcast: capturing peer → the neighbours to pass its floods on to (its broadcast tree);</li>
 *   <li>own floods: this peer's tree, without the branches whose every peer the kernel's VXLAN
 *       flood already reaches directly.</li>
 * </ul>
 */
final class ForwardingTable {
    static final SleevePeer[] NONE = new SleevePeer[0];
    static final ForwardingTable EMPTY = new ForwardingTable(LongMap.empty(), LongMap.empty(), LongMap.empty(),
            NONE);

    private final LongMap<SleevePeer> neighbours;
    private final LongMap<SleevePeer> unicast;
    private final LongMap<SleevePeer[]> broadcast;
    private final SleevePeer[] ownFlood;

    private ForwardingTable(LongMap<SleevePeer> neighbours, LongMap<SleevePeer> unicast,
                            LongMap<SleevePeer[]> broadcast, SleevePeer[] ownFlood) {
        this.neighbours = neighbours;
        this.unicast = unicast;
        this.broadcast = broadcast;
        this.ownFlood = ownFlood;
    }

    /**
     * @param self       this peer
     * @param neighbours the neighbours the sleeve can send to
     * @param reachable  every peer reachable through the mesh, without this one
     */
    static ForwardingTable build(long self, Collection<SleevePeer> neighbours, MeshRoutes routes,
                                 Collection<PeerName> reachable) {
        Map<Long, SleevePeer> byName = new HashMap<>();
        neighbours.forEach(n -> byName.put(n.name(), n));
        Map<Long, SleevePeer> next = new HashMap<>();
        for (PeerName peer : reachable) {
            Optional<PeerName> hop = routes.unicastNextHop(peer);
            if (hop.isPresent() && byName.containsKey(hop.get().value())) {
                next.put(peer.value(), byName.get(hop.get().value()));
            }
        }
        Map<Long, SleevePeer[]> trees = new HashMap<>();
        List<PeerName> sources = new ArrayList<>(reachable);
        sources.add(new PeerName(self));
        for (PeerName source : sources) {
            trees.put(source.value(), hops(routes.broadcastNextHops(source), byName));
        }
        SleevePeer[] own = ownFlood(self, trees.get(self), next, byName);
        return new ForwardingTable(new LongMap<>(byName), new LongMap<>(next), new LongMap<>(trees), own);
    }

    private static SleevePeer[] hops(List<PeerName> names, Map<Long, SleevePeer> byName) {
        return names.stream().map(n -> byName.get(n.value())).filter(java.util.Objects::nonNull)
                .toArray(SleevePeer[]::new);
    }

    /** This peer's first hops, keeping a hop only if some peer behind it is not reached by the fast path. */
    private static SleevePeer[] ownFlood(long self, SleevePeer[] tree, Map<Long, SleevePeer> next,
                                         Map<Long, SleevePeer> byName) {
        List<SleevePeer> kept = new ArrayList<>();
        for (SleevePeer hop : tree) {
            boolean needed = false;
            for (Map.Entry<Long, SleevePeer> e : next.entrySet()) {
                if (e.getValue() != hop || e.getKey() == self) {
                    continue;
                }
                SleevePeer direct = byName.get(e.getKey());
                if (direct == null || !direct.fastPathActive()) {
                    needed = true;
                    break;
                }
            }
            if (needed) {
                kept.add(hop);
            }
        }
        return kept.toArray(NONE);
    }

    SleevePeer neighbour(long name) {
        return neighbours.get(name);
    }

    /** The neighbour that leads to {@code destination}, or null when it is unreachable. */
    SleevePeer nextHop(long destination) {
        return unicast.get(destination);
    }

    /** The neighbours to pass floods captured by {@code source} on to. */
    SleevePeer[] floodFrom(long source) {
        SleevePeer[] hops = broadcast.get(source);
        return hops == null ? NONE : hops;
    }

    SleevePeer[] ownFlood() {
        return ownFlood;
    }
}
