package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.GossipData;
import dev.weft.router.mesh.GossipException;
import dev.weft.router.mesh.Gossiper;

/**
 * IPAM's side of the {@code IPallocation} channel: decodes on the mesh's thread, then hands the
 * message to the allocator's thread and waits for the merge. A ring that cannot be merged (another
 * range, other seeds, or one that would take addresses we hold) is refused with its reason, which
 * breaks the connection it came over.
 */
final class IpamGossiper implements Gossiper {
    private final Ipam ipam;

    IpamGossiper(Ipam ipam) {
        this.ipam = ipam;
    }

    @Override
    public void onGossipUnicast(PeerName sender, byte[] message) throws GossipException {
        IpamMessage decoded = decode(message);
        if (ipam.isClosed()) {
            return;
        }
        try {
            ipam.receiveUnicast(sender, decoded);
        } catch (RingMergeException e) {
            throw new GossipException(e.getMessage(), e);
        }
    }

    @Override
    public GossipData onGossipBroadcast(PeerName origin, byte[] update) throws GossipException {
        return onGossip(update);
    }

    @Override
    public GossipData gossip() {
        return ipam.isClosed() ? null : new IpamGossipData(ipam.state());
    }

    @Override
    public GossipData onGossip(byte[] update) throws GossipException {
        if (!(decode(update) instanceof IpamMessage.State state)) {
            throw new GossipException("IPAM gossip that is not a peer's state");
        }
        if (ipam.isClosed()) {
            return null;
        }
        try {
            IpamMessage.State ours = ipam.receive(state);
            return ours == null ? null : new IpamGossipData(ours);
        } catch (RingMergeException e) {
            throw new GossipException(e.getMessage(), e);
        }
    }

    private static IpamMessage decode(byte[] message) throws GossipException {
        try {
            return IpamCodec.decode(message);
        } catch (IllegalArgumentException e) {
            throw new GossipException("malformed IPAM gossip: " + e.getMessage(), e);
        }
    }
}
