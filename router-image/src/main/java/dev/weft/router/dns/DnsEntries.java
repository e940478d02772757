package dev.weft.router.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records as the JSON of {@code GET /name} and the report's {@code DNS.Entries} show them. */
final class DnsEntries {
    private DnsEntries() {}

    static List<Map<String, Object>> of(List<DnsRecord> records) {
        List<Map<String, Object>> entries = new ArrayList<>(records.size());
        for (DnsRecord r : records) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("Hostname", r.hostname());
            e.put("Origin", r.origin());
            e.put("ContainerID", r.containerId());
            e.put("Address", r.address().toString());
            e.put("Version", r.version());
            e.put("Tombstone", r.tombstone());
            entries.add(e);
        }
        return entries;
    }
}
