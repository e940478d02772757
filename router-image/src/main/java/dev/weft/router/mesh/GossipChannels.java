package dev.weft.router.mesh;

/** Where components get their gossip channels. */
public interface GossipChannels {

    /**
     * Registers {@code gossiper} on the channel {@code name} (e.g. {@code IPallocation},
     * {@code nameserver}) and returns the channel to send on. One gossiper per name.
     */
    Gossip channel(String name, Gossiper gossiper);
}
