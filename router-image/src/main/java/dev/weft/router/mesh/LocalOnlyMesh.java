package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The mesh of a router that has no other peers: no peer is ever reachable and gossip goes nowhere.
 * IPAM and weaveDNS run against it until the real mesh is wired in its place.
 */
public final class LocalOnlyMesh implements GossipChannels, Membership {
    private static final Gossip NOWHERE = new Gossip() {
        @Override
        public void gossipUnicast(PeerName destination, byte[] message) {}

        @Override
        public void gossipBroadcast(GossipData update) {}

        @Override
        public void gossipNeighbourSubset(GossipData update) {}
    };

    private final PeerName localPeer;

    public LocalOnlyMesh(PeerName localPeer) {
        this.localPeer = localPeer;
    }

    @Override
    public Gossip channel(String name, Gossiper gossiper) {
        return NOWHERE;
    }

    @Override
    public PeerName localPeer() {
        return localPeer;
    }

    @Override
    public Set<PeerName> reachablePeers() {
        return Set.of();
    }

    @Override
    public Optional<String> nickname(PeerName peer) {
        return Optional.empty();
    }

    @Override
    public void onReachableChange(Consumer<Set<PeerName>> listener) {}
}
