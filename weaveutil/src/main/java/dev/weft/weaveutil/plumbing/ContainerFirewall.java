package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.addr.Cidr;
import java.util.Collection;

/**
 * The container-side multicast filter of SPEC §3.3: drop multicast arriving on the weave
 * interface unless it comes from one of the container's own subnets. Methods run on a thread
 * that is already inside the container's namespace.
 */
public interface ContainerFirewall {

    /**
     * {@code INPUT -i IF -s SUBNET -d 224.0.0.0/4 -j ACCEPT} for each subnet, inserted first, and
     * {@code INPUT -i IF -d 224.0.0.0/4 -j DROP} appended; each rule only if it is not there yet.
     */
    void ensureMulticastFilter(String ifName, Collection<Cidr> allowedSubnets);

    /**
     * The same rules for an interface this attach has just made, without reading the chain first: no rule
     * can name it yet but one an interrupted detach of an earlier one left, and a duplicate of those
     * changes nothing and goes with {@link #removeMulticastFilter}. One process instead of two per attach.
     */
    void installMulticastFilter(String ifName, Collection<Cidr> allowedSubnets);

    /** Removes the ACCEPT rules of these subnets. */
    void removeMulticastAllows(String ifName, Collection<Cidr> subnets);

    /** Removes every rule of the filter for this interface (its ACCEPT rules and its DROP rule). */
    void removeMulticastFilter(String ifName);
}
