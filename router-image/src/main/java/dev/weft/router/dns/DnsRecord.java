package dev.weft.router.dns;

import dev.weft.weaveutil.addr.Ipv4;
import java.util.Comparator;
import java.util.Locale;

/**
 * One entry of the replicated name table. {@code hostname} is a fully qualified name kept in the case
 * it was registered with; {@code tombstone} is the deletion time in Unix seconds, 0 while live.
 * Only {@code origin} may change its own records; everyone keeps the copy with the higher version.
 */
public record DnsRecord(String hostname, String origin, String containerId, Ipv4 address, long version,
                        long tombstone) {

    /** Table order: case-insensitive name, then origin, owner and address. */
    public static final Comparator<DnsRecord> NAME_ORDER = Comparator
            .comparing((DnsRecord r) -> r.hostname().toLowerCase(Locale.ROOT))
            .thenComparing(DnsRecord::origin)
            .thenComparing(DnsRecord::containerId)
            .thenComparing(DnsRecord::address);

    public boolean live() {
        return tombstone == 0;
    }

    /** Identity of the record across versions: the same name (any case), origin, owner and address. */
    public String key() {
        return hostname.toLowerCase(Locale.ROOT) + ' ' + origin + ' ' + containerId + ' ' + address;
    }

    public DnsRecord tombstoned(long nowSeconds) {
        return new DnsRecord(hostname, origin, containerId, address, version + 1, nowSeconds);
    }

    public DnsRecord revived(String newHostname) {
        return new DnsRecord(newHostname, origin, containerId, address, version + 1, 0);
    }

    public DnsRecord withVersion(long newVersion) {
        return new DnsRecord(hostname, origin, containerId, address, newVersion, tombstone);
    }
}
