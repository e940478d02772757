package dev.weft.router.attach;

import dev.weft.router.api.ClientLink;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;

/**
 * The IP address management the host side needs, owner ids being full container ids or
 * {@code weave:expose}. The daemon adapts this to the real IPAM. Failures throw
 * {@link AddressBookException}.
 */
public interface AddressBook {

    /**
     * Allocates (or returns the owner's existing) address in the subnet, or in the default subnet
     * when {@code subnet} is null. With {@code checkAlive}, fails with {@link AddressBookException.Reason#CANCELLED}
     * when the owner is not a running container. The result carries the subnet's prefix length. A wait
     * ends the same way as soon as {@code caller} goes away (at once if it already has): nothing is
     * allocated for a caller that is no longer there to use it.
     */
    Cidr allocate(String ownerId, Cidr subnet, boolean checkAlive, ClientLink caller);

    /** Records that the owner uses exactly this address (its prefix is the subnet's); a wait ends as {@link #allocate}'s. */
    void claim(String ownerId, Cidr cidr, boolean checkAlive, ClientLink caller);

    /** Frees one address of the owner. */
    void release(String ownerId, Ipv4 ip);

    /** The owner's addresses within the subnet, or all of them when {@code subnet} is null. */
    List<Cidr> owned(String ownerId, Cidr subnet);

    Cidr defaultSubnet();
}
