package dev.weft.router.daemon;

import dev.weft.router.api.ClientLink;
import dev.weft.router.attach.AddressBook;
import dev.weft.router.attach.AddressBookException;
import dev.weft.router.ipam.Ipam;
import dev.weft.router.ipam.IpamException;
import dev.weft.router.ipam.IpamRequest;
import dev.weft.router.ipam.Owner;
import dev.weft.router.ipam.RequestCancelledException;
import dev.weft.weaveutil.addr.Cidr;
import dev.weft.weaveutil.addr.Ipv4;
import java.util.List;
import java.util.function.Supplier;

/** IPAM as the host side's {@link AddressBook}: blocking calls, with failures sorted into the host side's reasons. */
final class IpamAddressBook implements AddressBook {

    private final Ipam ipam;

    IpamAddressBook(Ipam ipam) {
        this.ipam = ipam;
    }

    @Override
    public Cidr allocate(String ownerId, Cidr subnet, boolean checkAlive, ClientLink caller) {
        Cidr within = subnet != null ? subnet : ipam.config().defaultSubnet();
        return answer(() -> awaitUnlessGone(ipam.allocate(ownerId, within, checkAlive), caller));
    }

    @Override
    public void claim(String ownerId, Cidr cidr, boolean checkAlive, ClientLink caller) {
        answer(() -> awaitUnlessGone(ipam.claim(ownerId, cidr, checkAlive, false), caller));
    }

    /** Registered before waiting: a caller already gone cancels at once, one that goes later cancels then. */
    private static <T> T awaitUnlessGone(IpamRequest<T> request, ClientLink caller) {
        caller.onGone(request::cancel);
        return request.await();
    }

    @Override
    public void release(String ownerId, Ipv4 ip) {
        answer(() -> {
            ipam.free(ownerId, ip);
            return null;
        });
    }

    @Override
    public List<Cidr> owned(String ownerId, Cidr subnet) {
        if (subnet != null) {
            return ipam.lookup(ownerId, subnet);
        }
        Owner owner = ipam.owners().get(ownerId);
        return owner == null ? List.of() : owner.cidrs();
    }

    @Override
    public Cidr defaultSubnet() {
        return ipam.config().defaultSubnet();
    }

    private static <T> T answer(Supplier<T> call) {
        try {
            return call.get();
        } catch (RequestCancelledException e) {
            throw new AddressBookException(AddressBookException.Reason.CANCELLED, "cancelled");
        } catch (IpamException e) {
            throw new AddressBookException(reasonOf(e.getMessage()), e.getMessage());
        }
    }

    /** IPAM reports conflicts in words ({@code already in use by}, {@code already owned by}, {@code owned by other peer}). */
    static AddressBookException.Reason reasonOf(String message) {
        boolean taken = message != null && (message.contains(" already in use by ")
                || message.contains(" is already owned by ") || message.contains(" is owned by other peer "));
        return taken ? AddressBookException.Reason.IN_USE : AddressBookException.Reason.INVALID;
    }
}
