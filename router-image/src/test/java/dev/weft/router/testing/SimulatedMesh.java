package dev.weft.router.testing;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Gossip;
import dev.weft.router.mesh.GossipChannels;
import dev.weft.router.mesh.GossipData;
import dev.weft.router.mesh.GossipException;
import dev.weft.router.mesh.Gossiper;
import dev.weft.router.mesh.Membership;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A mesh in one JVM for tests of components that gossip (IPAM, weaveDNS): each peer gets the
 * {@link GossipChannels} and {@link Membership} seams, and messages wait in one queue that the test
 * delivers step by step. The network can drop, duplicate, delay and reorder messages, and partition
 * peers; a peer can stop and come back. Everything random comes from the seed, and delivery happens on
 * the test's thread, so a run is reproducible from its seed (components with threads of their own
 * still interleave freely with it).
 *
 * <p>Broadcasts reach every peer reachable at sending time directly; gossip goes to neighbours, and
 * what a receiver finds new it passes on to two of its own; {@link #gossipRound()} plays the mesh's
 * periodic full-state gossip, and peers newly reachable exchange their full state as on a new
 * connection. A {@link GossipException} thrown by a receiver is recorded in {@link #errors()} (the
 * real mesh would close the connection).
 */
public final class SimulatedMesh {

    private enum Kind { UNICAST, BROADCAST, GOSSIP }

    private record Message(Kind kind, String channel, PeerName from, PeerName to, byte[] bytes, long notBefore) {}

    private final Random random;
    private final Map<PeerName, Peer> peers = new TreeMap<>();
    private final List<Message> queue = new ArrayList<>();
    private final Map<PeerName, Integer> group = new HashMap<>();
    private final List<String> errors = new ArrayList<>();
    private long clock;
    private double dropRate;
    private double duplicateRate;
    private int maxDelay;
    private long delivered;

    public SimulatedMesh(Random random) {
        this.random = random;
    }

    /** Faults from now on: the share of messages lost and duplicated, and up to how many steps one is held back. */
    public synchronized SimulatedMesh faults(double drop, double duplicate, int delaySteps) {
        this.dropRate = drop;
        this.duplicateRate = duplicate;
        this.maxDelay = delaySteps;
        return this;
    }

    /** A peer joins (or comes back after {@link #stop}) with no gossipers registered yet. */
    public Peer start(PeerName name, String nickname) {
        Map<PeerName, Set<PeerName>> before = reachability();
        Peer peer;
        synchronized (this) {
            peer = new Peer(name, nickname);
            peers.put(name, peer);
            group.putIfAbsent(name, 0);
        }
        announce(before);
        return peer;
    }

    /** The peer stops: it leaves every other peer's topology, and messages to it are lost. */
    public void stop(PeerName name) {
        Map<PeerName, Set<PeerName>> before = reachability();
        synchronized (this) {
            Peer peer = peers.remove(name);
            if (peer != null) {
                peer.up = false;
            }
        }
        announce(before);
    }

    /** Splits the peers into groups that cannot reach each other; peers not named form one more group. */
    @SafeVarargs
    public final void partition(Collection<PeerName>... groups) {
        Map<PeerName, Set<PeerName>> before = reachability();
        synchronized (this) {
            group.replaceAll((p, g) -> 0);
            for (int i = 0; i < groups.length; i++) {
                for (PeerName p : groups[i]) {
                    group.put(p, i + 1);
                }
            }
        }
        announce(before);
    }

    public void heal() {
        Map<PeerName, Set<PeerName>> before = reachability();
        synchronized (this) {
            group.replaceAll((p, g) -> 0);
        }
        announce(before);
    }

    public synchronized boolean isConnected(PeerName a, PeerName b) {
        return peers.containsKey(a) && peers.containsKey(b) && group.get(a).equals(group.get(b));
    }

    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    public synchronized int queued() {
        return queue.size();
    }

    public synchronized long delivered() {
        return delivered;
    }

    /** Delivers one message (a random one among those due, when reordering); false when none was due. */
    public boolean step() {
        Message message;
        synchronized (this) {
            clock++;
            List<Integer> due = new ArrayList<>();
            for (int i = 0; i < queue.size(); i++) {
                if (queue.get(i).notBefore <= clock) {
                    due.add(i);
                }
            }
            if (due.isEmpty()) {
                return !queue.isEmpty();
            }
            int index = maxDelay > 0 ? due.get(random.nextInt(due.size())) : due.get(0);
            message = queue.remove(index);
            delivered++;
        }
        deliver(message);
        return true;
    }

    /** Delivers until nothing is queued (or {@code limit} steps); returns whether the queue ran empty. */
    public boolean drain(int limit) {
        for (int i = 0; i < limit; i++) {
            if (!step() && queued() == 0) {
                return true;
            }
        }
        return queued() == 0;
    }

    /** Every peer gossips its full state on every channel to each reachable peer. */
    public void gossipRound() {
        gossipRound(Integer.MAX_VALUE);
    }

    /**
     * The mesh's periodic gossip: every peer sends its full state on every channel to up to
     * {@code fanout} reachable peers chosen at random.
     */
    public void gossipRound(int fanout) {
        List<Peer> up;
        synchronized (this) {
            up = new ArrayList<>(peers.values());
        }
        for (Peer peer : up) {
            for (Map.Entry<String, Gossiper> e : peer.gossipers().entrySet()) {
                GossipData data = e.getValue().gossip();
                if (data != null) {
                    List<PeerName> targets = new ArrayList<>(peer.reachablePeers());
                    synchronized (this) {
                        java.util.Collections.shuffle(targets, random);
                    }
                    for (PeerName to : targets.subList(0, Math.min(fanout, targets.size()))) {
                        enqueue(Kind.GOSSIP, e.getKey(), peer.name, to, data);
                    }
                }
            }
        }
    }

    private void deliver(Message m) {
        Peer to;
        synchronized (this) {
            to = peers.get(m.to);
            if (to == null || !isConnected(m.from, m.to)) {
                return;
            }
        }
        Gossiper gossiper = to.gossipers().get(m.channel);
        if (gossiper == null) {
            return;
        }
        try {
            switch (m.kind) {
                case UNICAST -> gossiper.onGossipUnicast(m.from, m.bytes);
                case BROADCAST -> gossiper.onGossipBroadcast(m.from, m.bytes);
                case GOSSIP -> {
                    GossipData news = gossiper.onGossip(m.bytes);
                    if (news != null) {
                        List<PeerName> onwards = new ArrayList<>(to.reachablePeers());
                        onwards.remove(m.from);
                        java.util.Collections.shuffle(onwards, random);
                        for (PeerName next : onwards.subList(0, Math.min(2, onwards.size()))) {
                            enqueue(Kind.GOSSIP, m.channel, to.name, next, news);
                        }
                    }
                }
            }
        } catch (GossipException e) {
            synchronized (this) {
                errors.add(m.to + " refused " + m.kind + " from " + m.from + " on " + m.channel + ": " + e.getMessage());
            }
        }
    }

    private void enqueue(Kind kind, String channel, PeerName from, PeerName to, GossipData data) {
        for (byte[] bytes : data.encode()) {
            enqueue(kind, channel, from, to, bytes);
        }
    }

    private synchronized void enqueue(Kind kind, String channel, PeerName from, PeerName to, byte[] bytes) {
        if (!isConnected(from, to) || (dropRate > 0 && random.nextDouble() < dropRate)) {
            return;
        }
        int copies = duplicateRate > 0 && random.nextDouble() < duplicateRate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = maxDelay > 0 ? random.nextInt(maxDelay + 1) : 0;
            queue.add(new Message(kind, channel, from, to, bytes.clone(), clock + delay));
        }
    }

    private synchronized Map<PeerName, Set<PeerName>> reachability() {
        Map<PeerName, Set<PeerName>> result = new HashMap<>();
        for (Peer p : peers.values()) {
            result.put(p.name, p.reachableNow());
        }
        return result;
    }

    /** Tells each peer whose reachable set changed, and lets newly connected peers exchange full state. */
    private void announce(Map<PeerName, Set<PeerName>> before) {
        Map<PeerName, Set<PeerName>> after = reachability();
        List<Peer> changed = new ArrayList<>();
        synchronized (this) {
            for (Peer p : peers.values()) {
                if (!after.get(p.name).equals(before.getOrDefault(p.name, Set.of()))) {
                    changed.add(p);
                }
            }
        }
        for (Peer p : changed) {
            Set<PeerName> now = after.get(p.name);
            Set<PeerName> newly = new TreeSet<>(now);
            newly.removeAll(before.getOrDefault(p.name, Set.of()));
            for (Map.Entry<String, Gossiper> e : p.gossipers().entrySet()) {
                GossipData data = e.getValue().gossip();
                if (data != null) {
                    for (PeerName to : newly) {
                        enqueue(Kind.GOSSIP, e.getKey(), p.name, to, data);
                    }
                }
            }
            p.listeners().forEach(l -> l.accept(Set.copyOf(now)));
        }
    }

    /** One simulated router's view of the mesh. */
    public final class Peer implements GossipChannels, Membership {
        private final PeerName name;
        private final String nickname;
        private final Map<String, Gossiper> gossipers = new LinkedHashMap<>();
        private final List<Consumer<Set<PeerName>>> listeners = new ArrayList<>();
        private volatile boolean up = true;

        private Peer(PeerName name, String nickname) {
            this.name = name;
            this.nickname = nickname;
        }

        public PeerName name() {
            return name;
        }

        @Override
        public Gossip channel(String channel, Gossiper gossiper) {
            synchronized (SimulatedMesh.this) {
                gossipers.put(channel, gossiper);
            }
            return new Gossip() {
                @Override
                public void gossipUnicast(PeerName destination, byte[] message) {
                    if (up) {
                        enqueue(Kind.UNICAST, channel, name, destination, message);
                    }
                }

                @Override
                public void gossipBroadcast(GossipData update) {
                    if (up) {
                        for (PeerName to : reachablePeers()) {
                            enqueue(Kind.BROADCAST, channel, name, to, update);
                        }
                    }
                }

                @Override
                public void gossipNeighbourSubset(GossipData update) {
                    if (up) {
                        List<PeerName> all = new ArrayList<>(reachablePeers());
                        synchronized (SimulatedMesh.this) {
                            java.util.Collections.shuffle(all, random);
                        }
                        for (PeerName to : all.subList(0, Math.min(3, all.size()))) {
                            enqueue(Kind.GOSSIP, channel, name, to, update);
                        }
                    }
                }
            };
        }

        private Map<String, Gossiper> gossipers() {
            synchronized (SimulatedMesh.this) {
                return new LinkedHashMap<>(gossipers);
            }
        }

        private List<Consumer<Set<PeerName>>> listeners() {
            synchronized (SimulatedMesh.this) {
                return new ArrayList<>(listeners);
            }
        }

        private Set<PeerName> reachableNow() {
            Set<PeerName> result = new TreeSet<>();
            if (!up) {
                return result;
            }
            for (PeerName other : peers.keySet()) {
                if (!other.equals(name) && group.get(other).equals(group.get(name))) {
                    result.add(other);
                }
            }
            return result;
        }

        @Override
        public PeerName localPeer() {
            return name;
        }

        @Override
        public Set<PeerName> reachablePeers() {
            synchronized (SimulatedMesh.this) {
                return reachableNow();
            }
        }

        @Override
        public Optional<String> nickname(PeerName peer) {
            synchronized (SimulatedMesh.this) {
                Peer p = peers.get(peer);
                return p == null || !reachableNow().contains(peer) && !peer.equals(name) ? Optional.empty()
                        : Optional.of(p.nickname);
            }
        }

        @Override
        public void onReachableChange(Consumer<Set<PeerName>> listener) {
            synchronized (SimulatedMesh.this) {
                listeners.add(listener);
            }
        }

        /** Gossipers of a stopped peer are gone with it; a restarted peer registers new ones. */
        public boolean isUp() {
            return up;
        }
    }

    /** Peers currently up, by name. */
    public synchronized Set<PeerName> upPeers() {
        return new TreeSet<>(peers.keySet());
    }

    /** For a failure message: what the network holds. */
    public synchronized String describe() {
        Set<Integer> groups = new HashSet<>(group.values());
        return peers.size() + " peers up, " + groups.size() + " group(s), " + queue.size() + " queued, "
                + delivered + " delivered";
    }
}
