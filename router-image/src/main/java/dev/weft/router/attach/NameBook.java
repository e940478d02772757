package dev.weft.router.attach;

import dev.weft.weaveutil.addr.Ipv4;

/** weaveDNS as the host side uses it; the daemon adapts it to the real DNS component. */
public interface NameBook {

    /** Registers {@code fqdn} (with or without the trailing dot) for the owner's address. */
    void add(String ownerId, Ipv4 ip, String fqdn);

    /** Removes the owner's entries for the address: all of them, or only {@code fqdn} when not null. */
    void remove(String ownerId, Ipv4 ip, String fqdn);

    /** The DNS domain with its trailing dot, e.g. {@code weave.local.}. */
    String domain();
}
