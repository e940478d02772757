package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import java.util.List;
import java.util.Optional;

/**
 * The mesh's routes for the data plane: shortest paths over established connections that both ends
 * report, the same on every peer (SPEC §7.3).
 */
public interface MeshRoutes {

    /** The neighbour to send to so that a frame reaches {@code destination}; empty if unreachable. */
    Optional<PeerName> unicastNextHop(PeerName destination);

    /**
     * The neighbours this peer passes a broadcast from {@code source} on to, along the source's
     * broadcast tree (for {@code source} = this peer: its own tree's first hops).
     */
    List<PeerName> broadcastNextHops(PeerName source);

    /** Calls {@code listener} after the routes change (a mesh thread; keep it short). */
    void onChange(Runnable listener);
}
