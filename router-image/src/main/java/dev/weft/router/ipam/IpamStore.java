package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Cidr;
import java.util.Map;
import java.util.TreeMap;
import org.h2.mvstore.MVMap;

/**
 * IPAM's keys in the shared {@link Store}: map {@code ipam} holds {@code version}, {@code peername}
 * (the name the data belongs to), {@code ring} and {@code nicknames}; map {@code ownedAddresses} holds
 * owner id → owner record. Every save is one {@link Store#update} (one MVStore commit, synced): the
 * ring and the owners it counts can only be seen together.
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
                meta.remove("nicknames");
                meta.put("version", FORMAT_VERSION);
                meta.put("peername", ourName.toString());
            });
            return new Snapshot(null, Map.of(), Map.of());
        }
        return new Snapshot(ring, store.readAll(OWNED_MAP, Owner::decode),
                decodeNicknames(store.read(META_MAP, "nicknames", text -> text).orElse(null)));
    }

    @Override
    public void save(Ring ring, boolean ringChanged, Map<String, Owner> changedOwners,
                     Map<PeerName, String> nicknames) {
        if (!ringChanged && changedOwners.isEmpty() && nicknames == null) {
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
            if (nicknames != null) {
                meta.put("nicknames", encodeNicknames(nicknames));
            }
        });
    }

    @Override
    public void wipe() {
        store.update(() -> {
            owned.clear();
            meta.remove("ring");
            meta.remove("nicknames");
        });
    }

    static String encodeNicknames(Map<PeerName, String> nicknames) {
        StringBuilder sb = new StringBuilder();
        nicknames.forEach((peer, nick) -> sb.append(peer).append(' ').append(nick.replace('\n', ' ')).append('\n'));
        return sb.toString();
    }

    static Map<PeerName, String> decodeNicknames(String text) {
        Map<PeerName, String> result = new TreeMap<>();
        if (text == null) {
            return result;
        }
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && PeerName.isValid(line.substring(0, space))) {
                result.put(PeerName.parse(line.substring(0, space)), line.substring(space + 1));
            }
        }
        return result;
    }
}
