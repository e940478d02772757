package dev.weft.router.bridge;

import dev.weft.weaveutil.addr.Cidr;

/** Tells the neighbours on a link that an address now lives there (a gratuitous ARP). */
@FunctionalInterface
public interface AddressAnnouncer {
    void announce(String link, Cidr address);
}
