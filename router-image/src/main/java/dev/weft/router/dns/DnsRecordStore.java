package dev.weft.router.dns;

import java.util.Collection;
import java.util.List;

/** Durable home of the name table. {@link #write} returns only once the change is committed. */
public interface DnsRecordStore {
    List<DnsRecord> load();

    void write(Collection<DnsRecord> upserts, Collection<DnsRecord> removals);

    /** A store that keeps nothing, for when persistence is not wanted. */
    DnsRecordStore NONE = new DnsRecordStore() {
        @Override
        public List<DnsRecord> load() {
            return List.of();
        }

        @Override
        public void write(Collection<DnsRecord> upserts, Collection<DnsRecord> removals) {}
    };
}
