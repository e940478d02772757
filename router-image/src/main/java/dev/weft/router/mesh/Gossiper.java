package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;

/**
 * The component side of a gossip channel (IPAM, weaveDNS, topology): it encodes its state and merges
 * what other peers send. Called on the mesh's threads; implementations hand work to their own thread
 * and must not block for long. Payloads are the component's own encoding; the mesh never looks inside.
 */
public interface Gossiper {

    /**
     * A message sent to this peer alone by {@code sender} (e.g. an IPAM space request). Throwing
     * {@link GossipException} reports a fatal disagreement: the mesh logs it and closes the
     * connection it came over.
     */
    void onGossipUnicast(PeerName sender, byte[] message) throws GossipException;

    /**
     * An update broadcast by {@code origin}. Returns what of it was new here (to relay onwards along
     * the broadcast tree), or null when nothing was.
     */
    GossipData onGossipBroadcast(PeerName origin, byte[] update) throws GossipException;

    /** This peer's whole state, for the periodic gossip to neighbours and to new connections; null if none. */
    GossipData gossip();

    /**
     * Gossip received from a neighbour: merges it and returns what was new here (to be gossiped on),
     * or null when nothing was.
     */
    GossipData onGossip(byte[] update) throws GossipException;
}
