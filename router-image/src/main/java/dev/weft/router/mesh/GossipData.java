package dev.weft.router.mesh;

import java.util.List;

/** A piece of gossip a component hands to the mesh: what it encodes to, and how two pieces combine. */
public interface GossipData {

    /**
     * The encoded messages (usually one); each is given to {@link Gossiper#onGossip} or
     * {@link Gossiper#onGossipBroadcast} on the receiving peer.
     */
    List<byte[]> encode();

    /** This data combined with {@code other} (the mesh batches updates queued for one neighbour). */
    GossipData merge(GossipData other);
}
