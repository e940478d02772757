package dev.weft.weaveutil.plumbing;

import dev.weft.weaveutil.addr.Cidr;

/**
 * The container-side multicast filter of SPEC §3.3: drop multicast arriving on the weave
 * interface unless it comes from one of the container's own subnets. Methods run on a thread
 * that is already inside the container's namespace.
 */
public interface ContainerFirewall {

    /** {@code INPUT -i IF -d 224.0.0.0/4 -j DROP}, appended once. */
    void ensureMulticastDrop(String ifName);

    /** {@code INPUT -i IF -s SUBNET -d 224.0.0.0/4 -j ACCEPT}, inserted first, once. */
    void allowMulticastFrom(String ifName, Cidr subnet);

    void removeMulticastAllow(String ifName, Cidr subnet);

    void removeMulticastDrop(String ifName);
}
