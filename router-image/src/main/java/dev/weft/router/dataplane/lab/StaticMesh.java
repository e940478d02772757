package dev.weft.router.dataplane.lab;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Membership;
import dev.weft.router.mesh.MeshRoutes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Routes and membership for a fixed set of peers and links, computed the way the mesh does (SPEC
 * §7.3: breadth-first shortest paths, ties broken by name; a source's broadcast tree is its search
 * tree). For the data plane's harness and tests until it runs under the real mesh; links can be
 * cut and healed to exercise relaying.
 */
public final class StaticMesh implements MeshRoutes, Membership {
    private final PeerName self;
    private final Set<PeerName> peers = new TreeSet<>();
    private final Map<PeerName, Set<PeerName>> links = new HashMap<>();
    private final List<Runnable> routeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Set<PeerName>>> reachableListeners = new CopyOnWriteArrayList<>();

    public StaticMesh(PeerName self, Collection<PeerName> all) {
        this.self = self;
        peers.addAll(all);
        peers.add(self);
        peers.forEach(p -> links.put(p, new TreeSet<>()));
    }

    /** A full mesh of {@code all}. */
    public static StaticMesh full(PeerName self, Collection<PeerName> all) {
        StaticMesh mesh = new StaticMesh(self, all);
        for (PeerName a : mesh.peers) {
            for (PeerName b : mesh.peers) {
                if (!a.equals(b)) {
                    mesh.links.get(a).add(b);
                }
            }
        }
        return mesh;
    }

    public synchronized void link(PeerName a, PeerName b) {
        links.get(a).add(b);
        links.get(b).add(a);
        changed();
    }

    public synchronized void cut(PeerName a, PeerName b) {
        links.get(a).remove(b);
        links.get(b).remove(a);
        changed();
    }

    private void changed() {
        Set<PeerName> reachable = reachablePeers();
        routeListeners.forEach(Runnable::run);
        reachableListeners.forEach(l -> l.accept(reachable));
    }

    /** The breadth-first search tree from {@code source}: each reached peer's parent. */
    private Map<PeerName, PeerName> tree(PeerName source) {
        Map<PeerName, PeerName> parent = new HashMap<>();
        parent.put(source, source);
        Deque<PeerName> queue = new ArrayDeque<>(List.of(source));
        while (!queue.isEmpty()) {
            PeerName p = queue.poll();
            List<PeerName> next = new ArrayList<>(links.get(p));
            next.sort(Comparator.naturalOrder());
            for (PeerName n : next) {
                if (!parent.containsKey(n)) {
                    parent.put(n, p);
                    queue.add(n);
                }
            }
        }
        return parent;
    }

    @Override
    public synchronized Optional<PeerName> unicastNextHop(PeerName destination) {
        Map<PeerName, PeerName> parent = tree(self);
        if (!parent.containsKey(destination) || destination.equals(self)) {
            return Optional.empty();
        }
        PeerName hop = destination;
        while (!parent.get(hop).equals(self)) {
            hop = parent.get(hop);
        }
        return Optional.of(hop);
    }

    @Override
    public synchronized List<PeerName> broadcastNextHops(PeerName source) {
        Map<PeerName, PeerName> parent = tree(source);
        List<PeerName> children = new ArrayList<>();
        for (Map.Entry<PeerName, PeerName> e : parent.entrySet()) {
            if (e.getValue().equals(self) && !e.getKey().equals(self)) {
                children.add(e.getKey());
            }
        }
        children.sort(Comparator.naturalOrder());
        return children;
    }

    @Override
    public void onChange(Runnable listener) {
        routeListeners.add(listener);
    }

    @Override
    public PeerName localPeer() {
        return self;
    }

    @Override
    public synchronized Set<PeerName> reachablePeers() {
        Set<PeerName> reachable = new HashSet<>(tree(self).keySet());
        reachable.remove(self);
        return reachable;
    }

    @Override
    public Optional<String> nickname(PeerName peer) {
        return Optional.empty();
    }

    @Override
    public void onReachableChange(Consumer<Set<PeerName>> listener) {
        reachableListeners.add(listener);
    }
}
