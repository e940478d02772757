package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import java.util.Map;

/** Where the allocator keeps its state across restarts. Each {@link #save} is durable when it returns. */
interface IpamPersistence {
    /** What was stored for this peer and range; empty when nothing was, or it belonged to another name/range. */
    Snapshot load(PeerName ourName, dev.weft.weaveutil.addr.Cidr range);

    /** Writes a new ring (null: none) and changed owners (null value: owner gone) in one durable step. */
    void save(Ring ring, boolean ringChanged, Map<String, Owner> changedOwners);

    /** Forgets all IPAM data. */
    void wipe();

    record Snapshot(Ring ring, Map<String, Owner> owners) {}
}
