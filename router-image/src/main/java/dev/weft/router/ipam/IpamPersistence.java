package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.weaveutil.addr.Cidr;
import java.util.Map;

/**
 * Where the allocator keeps its state across restarts. Each {@link #save} writes the peer name, the
 * ring, the changed owners and the nicknames as ONE durable transaction: a crash never leaves a ring
 * that disagrees with the owners (Weave Net wrote them separately, and rings came back corrupt).
 */
interface IpamPersistence {
    /** What was stored for this peer and range; empty when nothing was, or it belonged to another name/range. */
    Snapshot load(PeerName ourName, Cidr range);

    /**
     * Writes a new ring (null: none) when {@code ringChanged}, the changed owners (null value: owner
     * gone) and the nicknames (null: unchanged) in one durable step.
     */
    void save(Ring ring, boolean ringChanged, Map<String, Owner> changedOwners, Map<PeerName, String> nicknames);

    /** Forgets all IPAM data. */
    void wipe();

    record Snapshot(Ring ring, Map<String, Owner> owners, Map<PeerName, String> nicknames) {}
}
