package dev.weft.router.dns;

import dev.weft.weaveutil.addr.Ipv4;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Immutable lookup view of the live records, rebuilt by the table after each change. Names are
 * dnsjava {@link Name}s, whose equality ignores case, so queries need no string conversion.
 */
public final class DnsIndex {
    public static final DnsIndex EMPTY = new DnsIndex(List.of());
    private static final InetAddress[] NONE = new InetAddress[0];

    private final Map<Name, InetAddress[]> addressesByName;
    private final Map<Ipv4, String> nameByAddress;
    private final int liveCount;

    /** @param sorted records in {@link DnsRecord#NAME_ORDER} */
    DnsIndex(List<DnsRecord> sorted) {
        Map<Name, List<InetAddress>> byName = new LinkedHashMap<>();
        Map<Ipv4, String> byAddress = new HashMap<>();
        int live = 0;
        for (DnsRecord r : sorted) {
            Name name = parse(r.hostname());
            if (!r.live() || name == null) {
                continue;
            }
            live++;
            List<InetAddress> addresses = byName.computeIfAbsent(name, k -> new ArrayList<>());
            InetAddress address = inet(r.address());
            if (!addresses.contains(address)) {
                addresses.add(address);
            }
            byAddress.putIfAbsent(r.address(), r.hostname());
        }
        Map<Name, InetAddress[]> frozen = new HashMap<>();
        byName.forEach((name, list) -> frozen.put(name, list.toArray(NONE)));
        this.addressesByName = frozen;
        this.nameByAddress = byAddress;
        this.liveCount = live;
    }

    /** Live addresses of an absolute name, any case; an empty array when unknown. Do not modify. */
    public InetAddress[] lookup(Name name) {
        return addressesByName.getOrDefault(name, NONE);
    }

    /** Live addresses of a fully qualified name given as text, any case. */
    public List<Ipv4> addresses(String fqdn) {
        Name name = parse(DnsDomain.fqdn(fqdn));
        List<Ipv4> result = new ArrayList<>();
        if (name != null) {
            for (InetAddress a : lookup(name)) {
                result.add(Ipv4.fromBytes(a.getAddress()));
            }
        }
        return result;
    }

    /** The first live name (in name order) holding this address, in its registered case, or null. */
    public String name(Ipv4 address) {
        return nameByAddress.get(address);
    }

    public int liveCount() {
        return liveCount;
    }

    private static Name parse(String fqdn) {
        try {
            return Name.fromString(fqdn);
        } catch (TextParseException e) {
            return null;
        }
    }

    static InetAddress inet(Ipv4 address) {
        try {
            return InetAddress.getByAddress(address.toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
