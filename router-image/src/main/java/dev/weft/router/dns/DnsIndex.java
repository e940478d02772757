package dev.weft.router.dns;

import dev.weft.weaveutil.addr.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Immutable lookup view of the live records, rebuilt by the table after each change. */
public final class DnsIndex {
    public static final DnsIndex EMPTY = new DnsIndex(List.of());

    private final Map<String, Ipv4[]> addressesByName;
    private final Map<Ipv4, String> nameByAddress;
    private final int liveCount;

    /** @param sorted records in {@link DnsRecord#NAME_ORDER} */
    DnsIndex(List<DnsRecord> sorted) {
        Map<String, List<Ipv4>> byName = new HashMap<>();
        Map<Ipv4, String> byAddress = new HashMap<>();
        int live = 0;
        for (DnsRecord r : sorted) {
            if (!r.live()) {
                continue;
            }
            live++;
            List<Ipv4> addresses = byName.computeIfAbsent(r.hostname().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            if (!addresses.contains(r.address())) {
                addresses.add(r.address());
            }
            byAddress.putIfAbsent(r.address(), r.hostname());
        }
        Map<String, Ipv4[]> frozen = new HashMap<>();
        byName.forEach((name, list) -> frozen.put(name, list.toArray(new Ipv4[0])));
        this.addressesByName = frozen;
        this.nameByAddress = byAddress;
        this.liveCount = live;
    }

    /** Live addresses of a fully qualified name, any case; an empty array when unknown. Do not modify. */
    public Ipv4[] addresses(String fqdn) {
        Ipv4[] found = addressesByName.get(fqdn.toLowerCase(Locale.ROOT));
        return found == null ? new Ipv4[0] : found;
    }

    /** The first live name (in name order) holding this address, in its registered case, or null. */
    public String name(Ipv4 address) {
        return nameByAddress.get(address);
    }

    public int liveCount() {
        return liveCount;
    }
}
