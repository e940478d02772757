package dev.weft.router.ipam;

import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which id holds which addresses, remembering what changed since the last {@link #drainChanges()}. */
final class Owners {
    private final Map<String, Owner> byId = new LinkedHashMap<>();
    private final Map<String, Owner> changed = new LinkedHashMap<>();

    Owners(Map<String, Owner> stored) {
        byId.putAll(stored);
    }

    Owner get(String id) {
        return byId.get(id);
    }

    Map<String, Owner> all() {
        return Collections.unmodifiableMap(byId);
    }

    /** The addresses {@code id} holds inside {@code subnet}, in the order recorded. */
    List<Cidr> within(String id, Cidr subnet) {
        Owner owner = byId.get(id);
        return owner == null ? List.of() : owner.cidrs().stream().filter(c -> subnet.contains(c.address())).toList();
    }

    /** The id holding {@code address}, or null. */
    String holderOf(Ipv4 address) {
        for (Map.Entry<String, Owner> e : byId.entrySet()) {
            for (Cidr c : e.getValue().cidrs()) {
                if (c.address().equals(address)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    void add(String id, boolean isContainer, Cidr cidr) {
        Owner owner = byId.getOrDefault(id, new Owner(isContainer, List.of()));
        if (!owner.cidrs().contains(cidr)) {
            put(id, owner.plus(cidr));
        }
    }

    void remove(String id, Cidr cidr) {
        put(id, byId.get(id).minus(cidr));
    }

    void clear() {
        byId.clear();
        changed.clear();
    }

    private void put(String id, Owner owner) {
        if (owner.cidrs().isEmpty()) {
            byId.remove(id);
            changed.put(id, null);
        } else {
            byId.put(id, owner);
            changed.put(id, owner);
        }
    }

    /** The owners changed since the last call (null value: the owner is gone). */
    Map<String, Owner> drainChanges() {
        Map<String, Owner> result = new LinkedHashMap<>(changed);
        changed.clear();
        return result;
    }
}
