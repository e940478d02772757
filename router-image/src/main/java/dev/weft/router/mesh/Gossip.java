package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;

/** The sending side of one named gossip channel. Sends never block the caller; delivery is best effort. */
public interface Gossip {

    /** Sends {@code message} to {@code destination} along the unicast route (relayed if not a neighbour). */
    void gossipUnicast(PeerName destination, byte[] message);

    /** Sends {@code update} to every reachable peer once, along this peer's broadcast tree. */
    void gossipBroadcast(GossipData update);

    /** Gossips {@code update} to a subset of neighbours (about 2·log2(N)), who pass on what is new to them. */
    void gossipNeighbourSubset(GossipData update);
}
