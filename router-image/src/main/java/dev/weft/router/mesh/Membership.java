package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Which peers this router can reach through the mesh, as the topology says now. */
public interface Membership {

    PeerName localPeer();

    /** Every peer reachable over established connections (directly or relayed), without this one. */
    Set<PeerName> reachablePeers();

    /** The nickname a peer announced, if it is known. */
    Optional<String> nickname(PeerName peer);

    /**
     * Calls {@code listener} with the new set of reachable peers whenever it changes (peers joined
     * or left the topology). Called on a mesh thread; keep it short.
     */
    void onReachableChange(Consumer<Set<PeerName>> listener);
}
