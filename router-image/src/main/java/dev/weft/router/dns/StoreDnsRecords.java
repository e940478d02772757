package dev.weft.router.dns;

import dev.weft.router.store.Store;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Keeps the name table in the peer's {@link Store}, map {@value #MAP_NAME}, one tab-separated value
 * per record. Each write is committed (and synced) as one unit before it returns. A value that
 * cannot be read is moved to the store's quarantine (one log line) rather than failing the start.
 */
public final class StoreDnsRecords implements DnsRecordStore {
    static final String MAP_NAME = "dns-records";

    private final Store store;
    private final Map<String, String> map;

    public StoreDnsRecords(Store store) {
        this.store = store;
        this.map = store.map(MAP_NAME);
    }

    @Override
    public List<DnsRecord> load() {
        return new ArrayList<>(store.readAll(MAP_NAME, StoreDnsRecords::decode).values());
    }

    @Override
    public void write(Collection<DnsRecord> upserts, Collection<DnsRecord> removals) {
        if (upserts.isEmpty() && removals.isEmpty()) {
            return;
        }
        store.update(() -> {
            for (DnsRecord r : removals) {
                map.remove(r.key());
            }
            for (DnsRecord r : upserts) {
                map.put(r.key(), encode(r));
            }
        });
    }

    static String encode(DnsRecord r) {
        return String.join("\t", r.hostname(), r.origin(), r.containerId(), r.address().toString(),
                Long.toString(r.version()), Long.toString(r.tombstone()));
    }

    /** @throws IllegalArgumentException naming what is wrong with the value */
    static DnsRecord decode(String value) {
        String[] f = value.split("\t", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 tab-separated fields, found " + f.length);
        }
        return new DnsRecord(f[0], f[1], f[2], Ipv4.parse(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
    }
}
