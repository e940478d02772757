package dev.weft.router.dns;

import dev.weft.router.mesh.GossipData;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records as gossip: combining two keeps the higher version of each record. */
final class DnsGossipData implements GossipData {
    private final long sentAt;
    private final Map<String, DnsRecord> records = new LinkedHashMap<>();

    DnsGossipData(long sentAt, Collection<DnsRecord> records) {
        this.sentAt = sentAt;
        records.forEach(this::keepNewest);
    }

    private void keepNewest(DnsRecord r) {
        records.merge(r.key(), r, (a, b) -> b.version() > a.version() ? b : a);
    }

    Collection<DnsRecord> records() {
        return records.values();
    }

    @Override
    public List<byte[]> encode() {
        return List.of(DnsGossipCodec.encode(sentAt, records.values()));
    }

    @Override
    public GossipData merge(GossipData other) {
        if (!(other instanceof DnsGossipData o)) {
            return other;
        }
        DnsGossipData both = new DnsGossipData(Math.max(sentAt, o.sentAt), records.values());
        o.records.values().forEach(both::keepNewest);
        return both;
    }
}
