package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * IPAM's keys in the shared {@link Store}: map {@code ipam} holds {@code version}, {@code peername}
 * (the name the data belongs to) and {@code ring}; map {@code ownedAddresses} holds owner id → owner record.
 */
final class IpamStore implements IpamPersistence {
    static final String META_MAP = "ipam";
    static final String OWNED_MAP = "ownedAddresses";
    static final String FORMAT_VERSION = "1.0";

    private final Store store;
    private final MVMap<String, String> meta;
    private final MVMap<String, String> owned;

    IpamStore(Store store) {
        this.store = store;
        this.meta = store.map(META_MAP);
        this.owned = store.map(OWNED_MAP);
    }

    @Override
    public Snapshot load(PeerName ourName, Cidr range) {
        String storedName = store.read(META_MAP, "peername", text -> text).orElse(null);
        Ring ring = null;
        boolean usable = storedName != null && storedName.equals(ourName.toString());
        if (usable) {
            // an unreadable ring is kept aside by the store (one log line) and IPAM goes on with the owners
            ring = store.read(META_MAP, "ring", Ring::decode).orElse(null);
            usable = ring == null || ring.range().equals(range);
        }
        if (!usable) {
            store.update(() -> {
                owned.clear();
                meta.remove("ring");
                meta.put("version", FORMAT_VERSION);
                meta.put("peername", ourName.toString());
            });
            return new Snapshot(null, Map.of());
        }
        return new Snapshot(ring, store.readAll(OWNED_MAP, Owner::decode));
    }

    @Override
    public void save(Ring ring, boolean ringChanged, Map<String, Owner> changedOwners) {
        if (!ringChanged && changedOwners.isEmpty()) {
            return;
        }
        store.update(() -> {
            if (ringChanged) {
                if (ring == null) {
                    meta.remove("ring");
                } else {
                    meta.put("ring", ring.encode());
                }
            }
            changedOwners.forEach((id, owner) -> {
                if (owner == null) {
                    owned.remove(id);
                } else {
                    owned.put(id, owner.encode());
                }
            });
        });
    }

    @Override
    public void wipe() {
        store.update(() -> {
            owned.clear();
            meta.remove("ring");
        });
    }
}
