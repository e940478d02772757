package dev.weft.router.daemon;

import dev.weft.router.attach.NameBook;
import dev.weft.router.dns.DnsTable;
import dev.weft.weaveutil.addr.Ipv4;

/** weaveDNS's table as the host side's {@link NameBook}. */
final class DnsNameBook implements NameBook {

    private final DnsTable table;

    DnsNameBook(DnsTable table) {
        this.table = table;
    }

    @Override
    public void add(String ownerId, Ipv4 ip, String fqdn) {
        table.add(fqdn, ownerId, ip);
    }

    @Override
    public void remove(String ownerId, Ipv4 ip, String fqdn) {
        table.delete(fqdn, ownerId, ip);
    }

    @Override
    public String domain() {
        return table.domain().name();
    }
}
